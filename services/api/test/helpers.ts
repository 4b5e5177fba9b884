import type { QueueName } from '@newsflow/contracts';
import type { TestStack } from '@newsflow/api';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Jobs waiting (or delayed/prioritized) in one queue of the stack. */
export async function queued(stack: TestStack, queue: QueueName): Promise<number> {
  const counts = await stack.queues[queue].getJobCounts('waiting', 'delayed', 'prioritized', 'active');
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

export function json(body: string): Record<string, unknown> {
  return JSON.parse(body) as Record<string, unknown>;
}
