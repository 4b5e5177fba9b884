/** Queue names in pipeline order; each queue is named after the stage that consumes it. */
export const QUEUE_NAMES = ['fetch', 'clean', 'dedupe', 'index'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The queue each stage writes to, or null for the last stage. */
export function nextQueue(queue: QueueName): QueueName | null {
  const position = QUEUE_NAMES.indexOf(queue);
  return QUEUE_NAMES[position + 1] ?? null;
}
