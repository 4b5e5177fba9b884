/**
 * Queue names in pipeline order; each queue is named after the stage that consumes it. `render`
 * sits between fetch and clean: the cleaner sends it the JavaScript shells, and it hands the
 * rendered page back to clean.
 */
export const QUEUE_NAMES = ['fetch', 'render', 'clean', 'dedupe', 'index'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The queue each stage writes to, or null for the last stage. */
export function nextQueue(queue: QueueName): QueueName | null {
  const position = QUEUE_NAMES.indexOf(queue);
  return QUEUE_NAMES[position + 1] ?? null;
}
