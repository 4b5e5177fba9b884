import type { IndexJob } from '@newsflow/contracts';
import type { Logger } from '@newsflow/config';
import { upsertJobIdFor } from '@newsflow/contracts';
import { deleteUpsertPayload, keepUpsertPayload, readUpsertPayload, storeUpsertPayload } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';
import { messageOf } from './es-guard.ts';
import type { UpsertPayloads } from './handle-index.ts';

/**
 * Where upsert payloads are read, and where a refused document's own payload goes: keyed by the id
 * its job will have (upsertJobIdFor, as jobIds.index gives it) and written before the runtime adds
 * that job, so the job never exists without its document.
 */
export function upsertPayloads(redis: RedisClient, queuePrefix: string): UpsertPayloads {
  return {
    read: (key) => readUpsertPayload(redis, key),
    storeAlone: (ref, line) => storeUpsertPayload(redis, queuePrefix, upsertJobIdFor([ref]), [ref], [line]),
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
