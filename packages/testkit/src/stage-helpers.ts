import { STAGES } from '@newsflow/contracts';
import type { JobName, JobPayload, QueueName } from '@newsflow/contracts';
import { createLogger } from '@newsflow/config';
import { createOutputWriter, defineStage } from '@newsflow/runtime';
import type { OutputWriters, StageDefinition, StageHandlers, StageQueues, StageResult } from '@newsflow/runtime';

/**
 * A stage that runs `run` for every job name of its queue and hands nothing on: for tests of the
 * runtime and the API (failures, metrics), never standing in for a real stage.
 */
export function stageRunning<Q extends QueueName>(
  queue: Q,
  run: (payload: JobPayload[Q]) => Promise<void>,
): StageDefinition<Q> {
  const handler = async (payload: JobPayload[Q]): Promise<StageResult<Q>> => {
    await run(payload);
    return { next: {} };
  };
  const names: readonly JobName[] = STAGES[queue].consumes;
  return defineStage(queue, Object.fromEntries(names.map((name) => [name, handler])) as unknown as StageHandlers<Q>);
}

/**
 * Calls a stage's handler once, outside BullMQ, and hands its outputs on to real queues the way
 * runStage does (validated, under their jobIds). Errors come back as the handler threw them.
 */
export async function handOnce<Q extends QueueName>(
  definition: StageDefinition<Q>,
  name: keyof StageHandlers<Q>,
  payload: unknown,
  queues: StageQueues,
  writers: OutputWriters = {},
): Promise<StageResult<Q>> {
  const handler = definition.handlers[name] as (payload: unknown, context: unknown) => Promise<StageResult<Q>>;
  const context = {
    jobId: `test-${String(name)}`,
    createdAt: Date.now(),
    log: createLogger('test', 'silent'),
    jobLog: async () => undefined,
  };
  const result = await handler(payload, context);
  if ('next' in result) {
    await createOutputWriter(definition.queue, queues, writers)(result.next);
    await result.onHandedOn?.();
  }
  return result;
}
