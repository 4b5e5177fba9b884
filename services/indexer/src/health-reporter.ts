import { HEALTH_HEARTBEAT_MS, indexerHealthKey } from '@newsflow/search';
import type { IndexerStatus } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';
import type { BulkReport } from './batch/batcher.ts';
import { messageOf } from './es-guard.ts';

/** How long after an item had to be resent (429/5xx) the indexer reports itself degraded. */
const DEGRADED_FOR_MS = 60_000;

export interface HealthReporter {
  bulk(report: BulkReport): void;
  down(error: unknown): void;
  up(): void;
  close(): Promise<void>;
}

/**
 * Writes the indexer's health hash (read by readIndexerHealth in @newsflow/search). Counters are
 * added with HINCRBY (several indexers add up); the state fields are last-writer-wins. Writes
 * never throw: Redis trouble must not stop indexing.
 */
export function createHealthReporter(redis: RedisClient, queuePrefix: string): HealthReporter {
  const key = indexerHealthKey(queuePrefix);
  let isDown = false;
  let lastRetryAt = 0;
  const fields: Record<string, string> = {};
  const counters = { bulkRequests: 0, bulkDocuments: 0, bulkRejected: 0, bulkRetried: 0 };

  const status = (): IndexerStatus =>
    isDown ? 'down' : Date.now() - lastRetryAt < DEGRADED_FOR_MS ? 'degraded' : 'ok';
  const write = async (): Promise<void> => {
    const pipeline = redis.pipeline();
    pipeline.hset(key, {
      ...fields,
      status: status(),
      paused: isDown ? '1' : '0',
      updatedAt: new Date().toISOString(),
    });
    for (const [field, value] of Object.entries(counters)) if (value > 0) pipeline.hincrby(key, field, value);
    for (const field of Object.keys(counters)) counters[field as keyof typeof counters] = 0;
    await pipeline.exec().catch(() => undefined);
  };
  const timer = setInterval(() => void write(), Math.min(1_000, HEALTH_HEARTBEAT_MS));
  timer.unref();
  void write();

  return {
    bulk: (report) => {
      counters.bulkRequests += 1;
      counters.bulkDocuments += report.documents;
      counters.bulkRejected += report.rejected;
      counters.bulkRetried += report.retried;
      if (report.retried > 0) lastRetryAt = Date.now();
      fields.lastSuccessAt = new Date().toISOString();
      fields.lastBulkMs = String(Math.round(report.tookMs));
      fields.lastBulkDocuments = String(report.documents + report.rejected + report.retried);
    },
    down: (error) => {
      fields.lastError = messageOf(error).slice(0, 500);
      fields.lastErrorAt = new Date().toISOString();
      if (!isDown) {
        isDown = true;
        void write();
      }
    },
    up: () => {
      isDown = false;
      void write();
    },
    close: async () => {
      clearInterval(timer);
      await write();
    },
  };
}
