import { QUEUE_NAMES } from '@newsflow/contracts';
import type { QueueName } from '@newsflow/contracts';
import { readMetrics, readThroughput } from '@newsflow/runtime';
import type { MinuteThroughput, StageQueues } from '@newsflow/runtime';
import { readIndexerHealth } from '@newsflow/search';
import type { IndexerHealth } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

export interface QueueCounts {
  name: QueueName;
  counts: Record<(typeof JOB_STATES)[number], number>;
}

export interface PipelineStats {
  generatedAt: string;
  queues: QueueCounts[];
  /** Jobs finished per minute, oldest first, the current (partial) minute last. */
  throughput: MinuteThroughput[];
  /** Jobs per minute over the last five whole minutes, per stage. */
  ratePerMinute: Record<string, number>;
  totals: { processed: Record<string, number>; failed: Record<string, number> };
  /** What the indexer last reported about Elasticsearch (ok, degraded, down, or unknown when silent). */
  indexer: IndexerHealth;
}

export async function readQueueCounts(queues: StageQueues): Promise<QueueCounts[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const raw = await queues[name].getJobCounts(...JOB_STATES);
      const counts = Object.fromEntries(JOB_STATES.map((state) => [state, raw[state] ?? 0])) as QueueCounts['counts'];
      return { name, counts };
    }),
  );
}

export async function readPipelineStats(
  queues: StageQueues,
  redis: RedisClient,
  prefix: string,
  minutes = 15,
): Promise<PipelineStats> {
  const [counts, throughput, snapshot, indexer] = await Promise.all([
    readQueueCounts(queues),
    readThroughput(redis, prefix, minutes),
    readMetrics(redis, prefix, QUEUE_NAMES),
    readIndexerHealth(redis, prefix),
  ]);
  const totals = { processed: {} as Record<string, number>, failed: {} as Record<string, number> };
  for (const { stage, value } of snapshot.processed) totals.processed[stage] = value;
  for (const { stage, value } of snapshot.failed) totals.failed[stage] = (totals.failed[stage] ?? 0) + value;
  return {
    generatedAt: new Date().toISOString(),
    queues: counts,
    throughput,
    ratePerMinute: ratesOf(throughput),
    totals,
    indexer,
  };
}

/** Pure: average per-minute throughput over the last five whole minutes. */
export function ratesOf(throughput: readonly MinuteThroughput[], window = 5): Record<string, number> {
  const whole = throughput.slice(-window - 1, -1);
  return Object.fromEntries(
    QUEUE_NAMES.map((stage) => {
      const sum = whole.reduce((total, minute) => total + (minute.processed[stage] ?? 0), 0);
      return [stage, whole.length ? Math.round((sum / whole.length) * 10) / 10 : 0];
    }),
  );
}
