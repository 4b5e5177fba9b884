import type { Redis } from 'ioredis';
import { DURATION_BUCKETS, LATENCY_BUCKETS, MINUTE_TTL_SECONDS, bucketIndex, counterField, epochMinute, metricsKeys } from './metrics-keys.ts';

export interface JobOutcome {
  stage: string;
  ok: boolean;
  /** Failure reason code (see reasonOf); ignored for successes. */
  reason?: string;
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
}

/**
 * Adds job outcomes to the shared Redis hashes in one pipelined round trip. Recording never throws:
 * losing a metric must never fail or retry a job.
 */
export function createMetricsRecorder(redis: Redis, prefix: string): MetricsRecorder {
  const keys = metricsKeys(prefix);
  const run = async (build: (pipeline: ReturnType<Redis['pipeline']>) => void): Promise<void> => {
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
  };
}

type Pipeline = ReturnType<Redis['pipeline']>;

function addJob(pipeline: Pipeline, keys: ReturnType<typeof metricsKeys>, outcome: JobOutcome): void {
  const at = outcome.at ?? Date.now();
  const seconds = outcome.durationMs / 1000;
  pipeline.hincrby(keys.counters, counterField(outcome.ok ? 'processed' : 'failed', outcome.stage, outcome.reason), 1);
  addObservation(pipeline, keys.duration(outcome.stage), bucketIndex(DURATION_BUCKETS, seconds), seconds);
  const minute = keys.minute(epochMinute(at));
  pipeline.hincrby(minute, `${outcome.ok ? 'processed' : 'failed'}|${outcome.stage}`, 1);
  pipeline.expire(minute, MINUTE_TTL_SECONDS);
  if (outcome.ok && outcome.submittedAt) addLatencies(pipeline, keys.latency, outcome.submittedAt, at);
}

/** One latency per document, summed per bucket first: an index job carries hundreds of documents. */
function addLatencies(pipeline: Pipeline, key: string, submittedAt: readonly string[], at: number): void {
  const perBucket = new Map<number, number>();
  let count = 0;
  let sum = 0;
  for (const value of submittedAt) {
    const submitted = Date.parse(value);
    if (!Number.isFinite(submitted)) continue;
    const latency = Math.max(0, (at - submitted) / 1000);
    const bucket = bucketIndex(LATENCY_BUCKETS, latency);
    perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + 1);
    count += 1;
    sum += latency;
  }
  if (count === 0) return;
  for (const [bucket, n] of perBucket) pipeline.hincrby(key, `b${bucket}`, n);
  pipeline.hincrby(key, 'count', count);
  pipeline.hincrbyfloat(key, 'sum', sum);
}

/** Histogram as a hash: one non-cumulative count per bucket index, plus sum and count. */
function addObservation(pipeline: Pipeline, key: string, bucket: number, value: number): void {
  pipeline.hincrby(key, `b${bucket}`, 1);
  pipeline.hincrby(key, 'count', 1);
  pipeline.hincrbyfloat(key, 'sum', value);
}
