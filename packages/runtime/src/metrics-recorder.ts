import type { RedisClient } from './connection.ts';
import { createCoalescedRedis } from './coalesced-metrics.ts';
import {
  DURATION_BUCKETS,
  LATENCY_BUCKETS,
  MINUTE_TTL_SECONDS,
  bucketIndex,
  counterField,
  epochMinute,
  metricsKeys,
} from './metrics-keys.ts';

export interface JobOutcome {
  stage: string;
  ok: boolean;
  /** Failure reason code (see reasonOf); ignored for successes. */
  reason?: string;
  /** Why a successful job handed nothing on (a SkipReason), counted beside the processed jobs. */
  skipped?: string;
  durationMs: number;
  /** For the last stage: when each URL of the job was submitted, one enqueue-to-searchable latency per document. */
  submittedAt?: readonly string[];
  at?: number;
}

export interface EsBulkOutcome {
  documents: number;
  failedItems: number;
  tookMs: number;
}

export interface MetricsRecorder {
  recordJob(outcome: JobOutcome): Promise<void>;
  recordEsBulk(outcome: EsBulkOutcome): Promise<void>;
  /**
   * Documents inside a job that a stage left alone, by reason (the indexer's re-crawls that changed
   * nothing): counted with the skipped jobs (`newsflow_stage_skipped_total`), not as jobs processed.
   */
  recordSkipped(stage: string, reason: string, count: number): Promise<void>;
}

/**
 * Adds job outcomes to the shared RedisClient hashes in one pipelined round trip. Recording never throws:
 * losing a metric must never fail or retry a job.
 */
export function createMetricsRecorder(redis: RedisClient, prefix: string): MetricsRecorder {
  const keys = metricsKeys(prefix);
  const run = async (build: (pipeline: ReturnType<RedisClient['pipeline']>) => void): Promise<void> => {
    const pipeline = redis.pipeline();
    build(pipeline);
    await pipeline.exec().catch(() => undefined);
  };
  return {
    recordJob: (outcome) => run((pipeline) => addJob(pipeline, keys, outcome)),
    recordEsBulk: (outcome) =>
      run((pipeline) => {
        pipeline.hincrby(keys.bulk, 'requests', 1);
        pipeline.hincrby(keys.bulk, 'documents', outcome.documents);
        pipeline.hincrby(keys.bulk, 'failed_items', outcome.failedItems);
        pipeline.hincrbyfloat(keys.bulk, 'took_seconds', outcome.tookMs / 1000);
      }),
    recordSkipped: (stage, reason, count) =>
      run((pipeline) => void pipeline.hincrby(keys.counters, counterField('skipped', stage, reason), count)),
  };
}

type Pipeline = ReturnType<RedisClient['pipeline']>;

function addJob(pipeline: Pipeline, keys: ReturnType<typeof metricsKeys>, outcome: JobOutcome): void {
  const at = outcome.at ?? Date.now();
  const seconds = outcome.durationMs / 1000;
  pipeline.hincrby(keys.counters, counterField(outcome.ok ? 'processed' : 'failed', outcome.stage, outcome.reason), 1);
  if (outcome.ok && outcome.skipped)
    pipeline.hincrby(keys.counters, counterField('skipped', outcome.stage, outcome.skipped), 1);
  addObservations(pipeline, keys.duration(outcome.stage), DURATION_BUCKETS, [seconds]);
  const minute = keys.minute(epochMinute(at));
  pipeline.hincrby(minute, `${outcome.ok ? 'processed' : 'failed'}|${outcome.stage}`, 1);
  pipeline.expire(minute, MINUTE_TTL_SECONDS);
  if (outcome.ok && outcome.submittedAt)
    addObservations(pipeline, keys.latency, LATENCY_BUCKETS, latenciesOf(outcome.submittedAt, at));
}

/** Enqueue-to-searchable seconds, one per document whose submission time parses. */
function latenciesOf(submittedAt: readonly string[], at: number): number[] {
  return submittedAt
    .map((value) => Date.parse(value))
    .filter(Number.isFinite)
    .map((submitted) => Math.max(0, (at - submitted) / 1000));
}

/**
 * Histogram as a hash: one non-cumulative count per bucket index, plus sum and count. Values are
 * summed per bucket first, so an index job's hundreds of latencies cost a few commands, not three each.
 */
function addObservations(pipeline: Pipeline, key: string, buckets: readonly number[], values: readonly number[]): void {
  if (values.length === 0) return;
  const perBucket = new Map<number, number>();
  for (const value of values) {
    const bucket = bucketIndex(buckets, value);
    perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + 1);
  }
  for (const [bucket, count] of perBucket) pipeline.hincrby(key, `b${bucket}`, count);
  pipeline.hincrby(key, 'count', values.length);
  pipeline.hincrbyfloat(
    key,
    'sum',
    values.reduce((sum, value) => sum + value, 0),
  );
}

/**
 * A recorder that sums in memory and writes once per interval (see coalesced-metrics.ts): at
 * thousands of jobs a second the per-job round trips were the indexer's main cost. close() writes
 * what is left.
 */
export function createCoalescedMetrics(
  redis: RedisClient,
  prefix: string,
  intervalMs?: number,
): { recorder: MetricsRecorder; flush(): Promise<void>; close(): Promise<void> } {
  const coalesced = createCoalescedRedis(redis, intervalMs);
  return { recorder: createMetricsRecorder(coalesced.facade, prefix), flush: coalesced.flush, close: coalesced.close };
}
