// Pure parts of the shared metrics: bucket choice, failure reasons and the Prometheus rendering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StageError } from '@newsflow/contracts';
import { DURATION_BUCKETS, failureReasonOf, renderPipelineMetrics } from '@newsflow/runtime';
import type { MetricsSnapshot } from '@newsflow/runtime';
import { bucketIndex } from '../src/metrics-keys.ts';

test('bucketIndex picks the first bound that holds the value, then +Inf', () => {
  assert.equal(bucketIndex(DURATION_BUCKETS, 0), 0);
  assert.equal(bucketIndex(DURATION_BUCKETS, 0.005), 0);
  assert.equal(bucketIndex(DURATION_BUCKETS, 0.006), 1);
  assert.equal(bucketIndex(DURATION_BUCKETS, 1_000), DURATION_BUCKETS.length);
});

test('failure reasons come from StageError or the failedReason prefix', () => {
  assert.equal(failureReasonOf(new StageError('timeout', 'slow')), 'timeout');
  assert.equal(failureReasonOf(new Error('invalid-payload: url: Required')), 'invalid-payload');
  assert.equal(failureReasonOf(new Error('boom')), 'unknown');
});

test('renderPipelineMetrics writes cumulative histograms and escaped labels', () => {
  const empty = { counts: Array.from({ length: 13 }, () => 0), sum: 0, count: 0 };
  const snapshot: MetricsSnapshot = {
    processed: [{ stage: 'fetch', value: 3 }],
    failed: [{ stage: 'fetch', reason: 'we"ird', value: 1 }],
    durations: [
      { stage: 'fetch', histogram: { counts: [1, 2, ...Array.from({ length: 12 }, () => 0)], sum: 0.02, count: 3 } },
    ],
    latency: empty,
    bulk: { requests: 2, documents: 10, failedItems: 1, tookSeconds: 0.5 },
  };
  const text = renderPipelineMetrics(snapshot);
  assert.match(text, /^# TYPE newsflow_stage_duration_seconds histogram$/m);
  assert.match(text, /^newsflow_stage_duration_seconds_bucket\{stage="fetch",le="0.005"\} 1$/m);
  assert.match(text, /^newsflow_stage_duration_seconds_bucket\{stage="fetch",le="0.01"\} 3$/m);
  assert.match(text, /^newsflow_stage_duration_seconds_bucket\{stage="fetch",le="\+Inf"\} 3$/m);
  assert.match(text, /^newsflow_stage_failed_total\{stage="fetch",reason="we\\"ird"\} 1$/m);
  assert.match(text, /^newsflow_es_bulk_documents_total 10$/m);
});
