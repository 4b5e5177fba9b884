import { Worker } from 'bullmq';
import type { Job, Queue } from 'bullmq';
import type { QueueName } from '@newsflow/contracts';
import { createRedisClient, queuePrefix } from '@newsflow/runtime';
import type { TestStack } from './test-stack.ts';

/**
 * Adds a job to a queue of the stack and ends it as a worker would: completed, or failed for good
 * with `failWith` as its message. The job is added lifo, so it is the one picked next.
 */
export async function endJob(
  stack: TestStack,
  queue: QueueName,
  jobId: string,
  data: object,
  end: { failWith?: string } = {},
): Promise<void> {
  await (stack.queues[queue] as Queue).add(queue, data, { jobId, attempts: 1, lifo: true });
  const connection = createRedisClient(stack.config, 'test-job-ender');
  const worker = new Worker(queue, null, {
    connection,
    prefix: queuePrefix(stack.config.NEWSFLOW_QUEUE_PREFIX, queue),
    autorun: false,
  });
  try {
    const token = `test-${jobId}`;
    const job = (await worker.getNextJob(token)) as Job | undefined;
    if (job?.id !== jobId) throw new Error(`${jobId} was not the next job of ${queue}`);
    if (end.failWith === undefined) await job.moveToCompleted('ok', token, false);
    else await job.moveToFailed(new Error(end.failWith), token, false);
  } finally {
    await worker.close();
    connection.disconnect();
  }
}
