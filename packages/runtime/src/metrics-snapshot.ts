import type { RedisClient } from './connection.ts';
import { DURATION_BUCKETS, LATENCY_BUCKETS, epochMinute, metricsKeys } from './metrics-keys.ts';

export interface HistogramData {
  /** Non-cumulative counts, one per bucket bound, then +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

export interface MetricsSnapshot {
  processed: Array<{ stage: string; value: number }>;
  failed: Array<{ stage: string; reason: string; value: number }>;
  /** Jobs completed without output, by stage and skip reason (absent in snapshots made by hand). */
  skipped?: Array<{ stage: string; reason: string; value: number }>;
  durations: Array<{ stage: string; histogram: HistogramData }>;
  latency: HistogramData;
  bulk: { requests: number; documents: number; failedItems: number; tookSeconds: number };
}

export interface MinuteThroughput {
  /** Start of the minute, ms since epoch. */
  at: number;
  processed: Record<string, number>;
  failed: Record<string, number>;
}

/** Reads the totals every worker has added, in one pipelined round trip. */
export async function readMetrics(
  redis: RedisClient,
  prefix: string,
  stages: readonly string[],
): Promise<MetricsSnapshot> {
  const keys = metricsKeys(prefix);
  const pipeline = redis.pipeline();
  pipeline.hgetall(keys.counters).hgetall(keys.latency).hgetall(keys.bulk);
  for (const stage of stages) pipeline.hgetall(keys.duration(stage));
  const [counters = {}, latency = {}, bulk = {}, ...durations] = ((await pipeline.exec()) ?? []).map(
    ([, value]) => (value ?? {}) as Record<string, string>,
  );
  return {
    ...countersOf(counters),
    durations: stages.map((stage, index) => ({
      stage,
      histogram: histogramOf(durations[index] ?? {}, DURATION_BUCKETS.length),
    })),
    latency: histogramOf(latency, LATENCY_BUCKETS.length),
    bulk: {
      requests: num(bulk.requests),
      documents: num(bulk.documents),
      failedItems: num(bulk.failed_items),
      tookSeconds: num(bulk.took_seconds),
    },
  };
}

/** Jobs finished per minute over the last `minutes` minutes, oldest first (the current minute included). */
export async function readThroughput(
  redis: RedisClient,
  prefix: string,
  minutes: number,
  now = Date.now(),
): Promise<MinuteThroughput[]> {
  const keys = metricsKeys(prefix);
  const last = epochMinute(now);
  const wanted = Array.from({ length: minutes }, (_, index) => last - minutes + 1 + index);
  const pipeline = redis.pipeline();
  for (const minute of wanted) pipeline.hgetall(keys.minute(minute));
  const rows = (await pipeline.exec()) ?? [];
  return wanted.map((minute, index) => minuteOf(minute, (rows[index]?.[1] ?? {}) as Record<string, string>));
}

function minuteOf(minute: number, fields: Record<string, string>): MinuteThroughput {
  const row: MinuteThroughput = { at: minute * 60_000, processed: {}, failed: {} };
  for (const [field, value] of Object.entries(fields)) {
    const [outcome, stage = '?'] = field.split('|');
    if (outcome === 'processed' || outcome === 'failed') row[outcome][stage] = num(value);
  }
  return row;
}

function countersOf(fields: Record<string, string>): Pick<MetricsSnapshot, 'processed' | 'failed' | 'skipped'> {
  const processed: MetricsSnapshot['processed'] = [];
  const failed: MetricsSnapshot['failed'] = [];
  const skipped: NonNullable<MetricsSnapshot['skipped']> = [];
  for (const [field, value] of Object.entries(fields)) {
    const [outcome, stage = '?', reason = 'unknown'] = field.split('|');
    if (outcome === 'processed') processed.push({ stage, value: num(value) });
    else if (outcome === 'failed') failed.push({ stage, reason, value: num(value) });
    else if (outcome === 'skipped') skipped.push({ stage, reason, value: num(value) });
  }
  return { processed, failed, skipped };
}

function histogramOf(fields: Record<string, string>, bounds: number): HistogramData {
  const counts = Array.from({ length: bounds + 1 }, (_, index) => num(fields[`b${index}`]));
  return { counts, sum: num(fields.sum), count: num(fields.count) };
}

function num(value: string | undefined): number {
  const parsed = Number(value ?? 0);
  return Number.isFinite(parsed) ? parsed : 0;
}
