import { Worker } from 'bullmq';
import type { Config } from '@newsflow/config';
import { batchJobIdFor } from '@newsflow/contracts';
import type { ArticleDocument } from '@newsflow/contracts';
import { createQueue, createRedis } from '@newsflow/runtime';

/** Something that consumes the index queue once started: the indexer, or a no-op worker. */
export interface Consumer {
  waitUntilReady(): Promise<void>;
  run(): void;
  close(): Promise<void>;
}

/**
 * Puts the documents in a private queue as upsert jobs of `perJob` documents (what the dedupe
 * outbox produces), then times a consumer from the moment it starts fetching until every job is
 * completed, in documents per second: the producer and start-up are left out (the raw bulk run
 * gets a connected client too), job pickup is included.
 */
export async function timeQueueRun(config: Pick<Config, 'REDIS_URL' | 'NEWSFLOW_QUEUE_PREFIX'>, input: ArticleDocument[], perJob: number, start: () => Consumer): Promise<number> {
  const redis = createRedis(config, 'bench');
  const queue = createQueue('index', redis, config.NEWSFLOW_QUEUE_PREFIX);
  try {
    const jobs = [];
    for (let i = 0; i < input.length; i += perJob) {
      const documents = input.slice(i, i + perJob);
      jobs.push({ name: 'index', data: { kind: 'upsert' as const, documents }, opts: { jobId: batchJobIdFor('bench', documents.map((document) => document.docId)) } });
    }
    for (let i = 0; i < jobs.length; i += 100) await queue.addBulk(jobs.slice(i, i + 100));
    const consumer = start();
    await consumer.waitUntilReady();
    const started = performance.now();
    consumer.run();
    for (;;) {
      const counts = await queue.getJobCounts('completed', 'failed');
      if ((counts.completed ?? 0) + (counts.failed ?? 0) >= jobs.length) {
        if (counts.failed) throw new Error(`${counts.failed} jobs failed`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const rate = input.length / ((performance.now() - started) / 1000);
    await consumer.close();
    return rate;
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    const leftovers = await redis.keys(`${config.NEWSFLOW_QUEUE_PREFIX}:*`);
    if (leftovers.length > 0) await redis.del(...leftovers);
    redis.disconnect();
  }
}

/** A worker that completes each job without doing anything: the queue's own ceiling on this machine. */
export function noopConsumer(config: Pick<Config, 'REDIS_URL' | 'NEWSFLOW_QUEUE_PREFIX'>, concurrency: number): Consumer {
  const connection = createRedis(config, 'bench-noop');
  const worker = new Worker('index', async () => undefined, { connection, prefix: config.NEWSFLOW_QUEUE_PREFIX, concurrency, autorun: false });
  return {
    waitUntilReady: async () => {
      await worker.waitUntilReady();
    },
    run: () => void worker.run(),
    close: async () => {
      await worker.close();
      connection.disconnect();
    },
  };
}
