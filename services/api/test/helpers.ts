import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { createRedisClient, queuePrefix } from '@newsflow/runtime';
import type { QueueName } from '@newsflow/contracts';
import type { TestStack } from '@newsflow/api/testing';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Jobs waiting (or delayed/prioritized) in one queue of the stack. */
export async function queued(stack: TestStack, queue: QueueName): Promise<number> {
  const counts = await stack.queues[queue].getJobCounts('waiting', 'delayed', 'prioritized', 'active');
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

export function json(body: string): Record<string, unknown> {
  return JSON.parse(body) as Record<string, unknown>;
}

/** Puts a fetch job for docId into the failed state with this message, as a worker would. */
export async function failFetchJob(stack: TestStack, docId: string, message: string): Promise<void> {
  await stack.queues.fetch.add(
    'fetch',
    { url: `https://example.net/${docId}`, docId, submittedAt: new Date().toISOString(), source: { kind: 'api' } },
    { jobId: `fetch-${docId}`, attempts: 1, lifo: true },
  ); // lifo: picked next, ahead of other waiting jobs
  const connection = createRedisClient(stack.config, 'test-failer');
  const worker = new Worker('fetch', null, {
    connection,
    prefix: queuePrefix(stack.config.NEWSFLOW_QUEUE_PREFIX, 'fetch'),
    autorun: false,
  });
  try {
    const token = `test-${docId}`;
    const job = (await worker.getNextJob(token)) as Job | undefined;
    if (!job) throw new Error('no job to fail');
    await job.moveToFailed(new Error(message), token, false);
  } finally {
    await worker.close();
    connection.disconnect();
  }
}
