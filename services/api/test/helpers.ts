import type { QueueName } from '@newsflow/contracts';
import { endJob } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';

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
  const data = {
    url: `https://example.net/${docId}`,
    docId,
    submittedAt: new Date().toISOString(),
    source: { kind: 'api' },
  };
  await endJob(stack, 'fetch', `fetch-${docId}`, data, { failWith: message });
}

export { endJob };
