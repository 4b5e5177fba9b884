import { redisKeys } from '@newsflow/contracts';
import type { RedisClient } from '@newsflow/runtime';

/**
 * As long as completed jobs are kept (DEFAULT_JOB_OPTIONS.removeOnComplete: a day): past that a
 * URL's job records are gone, so verify could no longer tell a failure from a loss.
 */
export const INTAKE_LEDGER_RETENTION_MS = 24 * 3600 * 1000;

/** The docIds POST /api/urls accepted, with when: what `newsflow verify` holds the pipeline to. */
export interface IntakeLedger {
  record(docIds: readonly string[], at?: number): Promise<void>;
  /** docIds accepted at or after `sinceMs`, oldest first */
  read(sinceMs?: number): Promise<string[]>;
}

/** One sorted set per queue prefix (one key, so one slot on a cluster), trimmed on every write. */
export function intakeLedger(redis: RedisClient, prefix: string): IntakeLedger {
  const key = redisKeys(prefix).intakeLedger;
  return {
    record: async (docIds, at = Date.now()) => {
      if (docIds.length === 0) return;
      await redis
        .multi()
        .zadd(key, ...docIds.flatMap((docId) => [at, docId]))
        .zremrangebyscore(key, '-inf', at - INTAKE_LEDGER_RETENTION_MS)
        .exec();
    },
    read: (sinceMs = 0) => redis.zrangebyscore(key, sinceMs, '+inf'),
  };
}
