import type { IndexJob } from '@newsflow/contracts';
import type { Logger } from '@newsflow/config';
import { deleteUpsertPayload, enqueueUpsertLines, keepUpsertPayload, readUpsertPayload } from '@newsflow/runtime';
import type { StageQueue } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';
import { messageOf } from './es-guard.ts';
import type { UpsertPayloads } from './handle-index.ts';

/** Where upsert payloads are read, and where refused documents go back one per job. */
export function upsertPayloads(redis: RedisClient, queue: StageQueue<'index'>): UpsertPayloads {
  return {
    read: (key) => readUpsertPayload(redis, key),
    requeueAlone: async (refs, lines) => {
      for (const [i, ref] of refs.entries()) await enqueueUpsertLines(queue, redis, [ref], [lines[i]!]);
    },
  };
}

/**
 * A payload goes once its job completed, not before: a crash between the two then leaves a payload
 * to expire rather than a job to retry without its documents. A failure renews its TTL, so a
 * replayed job that fails again stays replayable while listed. close() waits for the last writes.
 */
export function payloadLifecycle(redis: RedisClient, log: Logger) {
  const writes = new Set<Promise<void>>();
  const track = (write: Promise<void>): void => {
    const settled = write
      .catch((error: unknown) => log.warn({ err: messageOf(error) }, 'could not update a payload'))
      .finally(() => writes.delete(settled));
    writes.add(settled);
  };
  return {
    onCompleted: (data: IndexJob): void => {
      if (data.kind === 'upsert') track(deleteUpsertPayload(redis, data.payload));
    },
    onFailed: (data: IndexJob): void => {
      if (data.kind === 'upsert') track(keepUpsertPayload(redis, data.payload));
    },
    settled: async (): Promise<void> => {
      await Promise.all(writes);
    },
  };
}
