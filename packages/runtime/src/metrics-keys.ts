import { redisKeys } from '@newsflow/contracts';

/**
 * Where the pipeline's shared metrics live in Redis. Workers are separate processes, so each one adds
 * to these hashes (HINCRBY, pipelined) and the API renders the totals for Prometheus: one scrape
 * target sees every stage, and counters survive worker restarts.
 */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;
/** Enqueue (submittedAt) to searchable (indexedAt) takes seconds to minutes, so wider buckets. */
export const LATENCY_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] as const;
/** Per-minute throughput buckets are kept this long, enough for the live panel and `newsflow status`. */
export const MINUTE_TTL_SECONDS = 2 * 3600;

export interface MetricsKeys {
  counters: string;
  duration(stage: string): string;
  latency: string;
  bulk: string;
  minute(epochMinute: number): string;
}

export function metricsKeys(prefix: string): MetricsKeys {
  const base = redisKeys(prefix).metrics;
  return {
    counters: `${base}:counters`,
    duration: (stage) => `${base}:duration:${stage}`,
    latency: `${base}:latency`,
    bulk: `${base}:es-bulk`,
    minute: (epochMinute) => `${base}:minute:${epochMinute}`,
  };
}

/** Counter hash fields: "processed|<stage>", "failed|<stage>|<reason>" and "skipped|<stage>|<reason>". */
export function counterField(outcome: 'processed' | 'failed' | 'skipped', stage: string, reason?: string): string {
  return outcome === 'processed' ? `processed|${stage}` : `${outcome}|${stage}|${reason ?? 'unknown'}`;
}

/** Index of the first bucket whose upper bound holds the value; buckets.length means +Inf. */
export function bucketIndex(buckets: readonly number[], seconds: number): number {
  const index = buckets.findIndex((bound) => seconds <= bound);
  return index === -1 ? buckets.length : index;
}

export function epochMinute(at: number): number {
  return Math.floor(at / 60_000);
}
