// One BullMQ queue and worker over connections from the factory, with the hash-tagged prefix the
// cluster needs, recording when each job was processed: enough to prove a topology carries jobs.
import { Queue, Worker } from 'bullmq';
import { createRedisClient, queuePrefix } from '@newsflow/runtime';
import type { RedisClient, RedisConfig } from '@newsflow/runtime';
import { waitFor } from '@newsflow/testkit';

export interface RoundTrip {
  queue: Queue;
  /** adds a job and resolves with the milliseconds until the worker has processed it */
  send(jobId: string, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

export function startRoundTrip(config: RedisConfig, basePrefix: string, name: string): RoundTrip {
  const prefix = queuePrefix(basePrefix, name);
  const connections: RedisClient[] = [
    createRedisClient(config, `${name}-queue`),
    createRedisClient(config, `${name}-worker`),
  ];
  const queue = new Queue(name, { connection: connections[0]!, prefix });
  const processed = new Set<string>();
  const worker = new Worker(name, async (job) => void processed.add(String(job.id)), {
    connection: connections[1]!,
    prefix,
    concurrency: 4,
  });
  // during a failover both report connection errors; the test judges by jobs done, not by logs
  queue.on('error', () => {});
  worker.on('error', () => {});
  return {
    queue,
    send: async (jobId, timeoutMs) => {
      const startedAt = Date.now();
      await waitFor(
        `job ${jobId} added to ${name}`,
        async () => (await queue.add(name, { jobId }, { jobId }), true),
        timeoutMs,
        100,
      );
      await waitFor(
        `job ${jobId} processed by ${name}`,
        async () => (processed.has(jobId) ? true : undefined),
        timeoutMs,
        50,
      );
      return Date.now() - startedAt;
    },
    close: async () => {
      await worker.close();
      await queue.close();
      for (const connection of connections) connection.disconnect();
    },
  };
}
