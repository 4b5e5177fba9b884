// Failed jobs, stats and /metrics with real stage workers (runStage) writing their counters to Redis.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { articleDocument, startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { createLogger } from '@newsflow/config';
import { StageError } from '@newsflow/contracts';
import { enqueueUpsert, runStage } from '@newsflow/runtime';
import type { RunningStage } from '@newsflow/runtime';
import { stageRunning, waitFor } from '@newsflow/testkit';
import { json, queued } from './helpers.ts';

let stack: TestStack;
let stages: RunningStage[] = [];
const log = createLogger('test', 'silent');

before(async () => {
  stack = await startTestStack();
  const options = { config: stack.config, concurrency: 2, log };
  stages = [
    runStage(
      stageRunning('fetch', async (job) => {
        if (job.url.includes('/bad')) throw new StageError('http-4xx', 'HTTP 404');
      }),
      options,
    ),
    runStage(
      stageRunning('index', async () => undefined),
      options,
    ),
  ];
  const submitted = await stack.app.inject({
    method: 'POST',
    url: '/api/urls',
    payload: [
      'https://example.com/good/1',
      'https://example.com/good/2',
      'https://example.com/bad/1',
      'https://example.com/bad/2',
    ],
  });
  assert.equal(submitted.statusCode, 202);
  const document = articleDocument('https://example.com/good/1', {
    submittedAt: new Date(Date.now() - 3_000).toISOString(),
  });
  await enqueueUpsert(stack.queues.index, stack.redis, [document]);
  await waitFor(
    'the jobs to finish',
    async () => {
      const [fetch, index] = await Promise.all([
        stack.queues.fetch.getJobCounts('failed', 'completed'),
        stack.queues.index.getJobCounts('completed'),
      ]);
      return fetch.failed === 2 && fetch.completed === 2 && index.completed === 1 ? true : undefined;
    },
    20_000,
    100,
  );
  // stages sum their counters in memory and write them once a second: write them now
  await Promise.all(stages.map((stage) => stage.flushMetrics()));
});
after(async () => {
  await Promise.all(stages.map((stage) => stage.close()));
  await stack.close();
});

const get = (url: string) => stack.app.inject({ method: 'GET', url });

test('GET /api/failed lists failed jobs by queue and reason with counts', async () => {
  const listing = json((await get('/api/failed')).body) as {
    counts: Array<{ queue: string; reason: string; count: number }>;
    jobs: Array<{ url: string; reason: string; failedReason: string }>;
  };
  assert.deepEqual(listing.counts, [{ queue: 'fetch', reason: 'http-4xx', count: 2 }]);
  assert.deepEqual(listing.jobs.map((job) => job.url).sort(), [
    'https://example.com/bad/1',
    'https://example.com/bad/2',
  ]);
  assert.match(listing.jobs[0]?.failedReason ?? '', /^http-4xx: HTTP 404/);
  const none = json((await get('/api/failed?queue=fetch&reason=timeout')).body) as { jobs: unknown[] };
  assert.equal(none.jobs.length, 0);
  assert.equal((await get('/api/failed?queue=nope')).statusCode, 400);
});

test('GET /api/stats reports queue depths, per-minute throughput and totals', async () => {
  const stats = json((await get('/api/stats?minutes=5')).body) as {
    queues: Array<{ name: string; counts: Record<string, number> }>;
    throughput: Array<{ processed: Record<string, number>; failed: Record<string, number> }>;
    totals: { processed: Record<string, number>; failed: Record<string, number> };
    documents: number;
  };
  assert.deepEqual(
    stats.queues.map((queue) => queue.name),
    ['fetch', 'render', 'clean', 'dedupe', 'index'],
  );
  assert.equal(stats.queues[0]?.counts.failed, 2);
  assert.equal(stats.throughput.length, 5);
  const recent = stats.throughput.reduce((sum, minute) => sum + (minute.processed.fetch ?? 0), 0);
  assert.equal(recent, 2);
  assert.deepEqual(stats.totals, { processed: { fetch: 2, index: 1 }, failed: { fetch: 2 } });
  assert.equal(stats.documents, 0);
  assert.equal(
    (stats as unknown as { indexer: { status: string } }).indexer.status,
    'unknown',
    'no indexer process reports in this test',
  );
});

test('GET /metrics renders counters by stage and reason, histograms, queue depths and latency', async () => {
  const response = await get('/metrics');
  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] as string, /text\/plain/);
  const text = response.body;
  assert.match(text, /^newsflow_stage_processed_total\{stage="fetch"\} 2$/m);
  assert.match(text, /^newsflow_stage_failed_total\{stage="fetch",reason="http-4xx"\} 2$/m);
  assert.match(text, /^newsflow_stage_duration_seconds_count\{stage="fetch"\} 4$/m);
  assert.match(text, /^newsflow_stage_duration_seconds_bucket\{stage="fetch",le="\+Inf"\} 4$/m);
  assert.match(text, /^newsflow_queue_jobs\{queue="fetch",state="failed"\} 2$/m);
  assert.match(text, /^newsflow_end_to_end_latency_seconds_count 1$/m);
  assert.match(text, /^newsflow_end_to_end_latency_seconds_bucket\{le="2"\} 0$/m, 'submitted 3 s before indexing');
  assert.match(text, /^newsflow_end_to_end_latency_seconds_bucket\{le="5"\} 1$/m);
  assert.match(text, /^newsflow_es_bulk_requests_total 0$/m);
  assert.match(text, /^newsflow_api_process_cpu_seconds_total /m);
  assert.match(text, /^newsflow_indexer_status\{status="unknown"\} 1$/m);
});

test('POST /api/failed/retry replays failed jobs of one queue and reason, and validates its body', async () => {
  assert.equal(
    (
      await stack.app.inject({
        method: 'POST',
        url: '/api/failed/retry',
        payload: { queue: 'fetch', reason: 'BAD REASON' },
      })
    ).statusCode,
    400,
  );
  await Promise.all(stages.map((stage) => stage.worker.pause()));
  const response = await stack.app.inject({
    method: 'POST',
    url: '/api/failed/retry',
    payload: { queue: 'fetch', reason: 'http-4xx' },
  });
  assert.equal(response.statusCode, 200);
  assert.equal(json(response.body).retried, 2);
  assert.equal(await queued(stack, 'fetch'), 2);
  assert.equal((await stack.queues.fetch.getJobCounts('failed')).failed, 0);
  const bare = await stack.app.inject({ method: 'POST', url: '/api/failed/retry' });
  assert.equal(bare.statusCode, 200, 'a bare POST (curl -X POST) means every queue and reason');
  assert.equal(json(bare.body).retried, 0);
});
