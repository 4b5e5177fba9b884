// runStage against a real Redis: payload validation, permanent vs transient failures, deterministic ids.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { StageError, docIdFor } from '@newsflow/contracts';
import type { FetchJob } from '@newsflow/contracts';
import { createLogger } from '@newsflow/config';
import {
  createQueue,
  enqueue,
  getRaw,
  isRedisUnavailable,
  metricsKeys,
  putRaw,
  rawKeyFor,
  runStage,
} from '@newsflow/runtime';
import { clearPrefix, stageRunning, uniquePrefix, waitFor, TEST_REDIS_URL } from '@newsflow/testkit';

const REDIS_URL = TEST_REDIS_URL;
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const log = createLogger('test', 'silent');
const prefixes: string[] = [];

after(async () => {
  for (const prefix of prefixes) await clearPrefix(redis, prefix);
  redis.disconnect();
});

function fetchJob(url: string): FetchJob {
  return { url, docId: docIdFor(url), submittedAt: new Date().toISOString(), source: { kind: 'api' } };
}

async function withStage(
  handler: (job: FetchJob) => Promise<void>,
  body: (prefix: string) => Promise<void>,
): Promise<void> {
  const prefix = uniquePrefix('rt');
  prefixes.push(prefix);
  const stage = runStage(stageRunning('fetch', handler as (job: unknown) => Promise<void>), {
    config: { REDIS_URL, NEWSFLOW_QUEUE_PREFIX: prefix },
    concurrency: 2,
    log,
  });
  try {
    await body(prefix);
  } finally {
    await stage.close();
  }
}

test('an invalid payload fails once with the invalid-payload reason and the handler never runs', async () => {
  let calls = 0;
  await withStage(
    async () => void calls++,
    async (prefix) => {
      const queue = createQueue('fetch', redis, prefix);
      const job = await queue.add('fetch', { url: 'not a url' } as unknown as FetchJob, { attempts: 3 });
      const failed = await waitFor('the job to fail', async () =>
        (await queue.getJob(job.id ?? ''))?.failedReason ? await queue.getJob(job.id ?? '') : undefined,
      );
      assert.match(failed.failedReason, /^invalid-payload: /);
      assert.equal(failed.attemptsMade, 1);
      assert.equal(calls, 0);
      await queue.close();
    },
  );
});

test('a permanent stage error fails once; a transient one is retried until it succeeds', async () => {
  const seen = new Map<string, number>();
  const handler = async (job: FetchJob): Promise<void> => {
    const count = (seen.get(job.url) ?? 0) + 1;
    seen.set(job.url, count);
    if (job.url.endsWith('/gone')) throw new StageError('http-4xx', 'HTTP 404');
    if (count < 3) throw new StageError('http-5xx', 'HTTP 503');
  };
  await withStage(handler, async (prefix) => {
    const queue = createQueue('fetch', redis, prefix);
    const gone = fetchJob('https://example.com/gone');
    const flaky = fetchJob('https://example.com/flaky');
    await enqueue(queue, gone.docId, gone);
    await queue.add('fetch', flaky, {
      jobId: `fetch-${flaky.docId}`,
      attempts: 5,
      backoff: { type: 'fixed', delay: 50 },
    });
    const failed = await waitFor(
      'the 404 to fail',
      async () => (await queue.getJob(`fetch-${gone.docId}`))?.failedReason,
    );
    assert.match(failed, /^http-4xx: /);
    assert.equal(seen.get(gone.url), 1, 'a permanent failure is not retried');
    await waitFor('the flaky job to complete', async () =>
      (await queue.getJobState(`fetch-${flaky.docId}`)) === 'completed' ? true : undefined,
    );
    assert.equal(seen.get(flaky.url), 3);
    await queue.close();
  });
});

test('a Redis error met by a handler fails the attempt as redis-unavailable, retried, not unknown', async () => {
  // a real client on a port nobody listens on, with no offline queue: the error ioredis raises
  // while a server is gone; and a real reply of a cluster in motion, from a server not in one
  const gone = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
  gone.on('error', () => {});
  const errors: unknown[] = [];
  await gone.get('x').catch((error: unknown) => errors.push(error));
  await redis.call('CLUSTER', 'INFO').catch((error: unknown) => errors.push(error));
  assert.equal(errors.length, 2);
  assert.ok(isRedisUnavailable(errors[0]), String(errors[0]));
  assert.ok(!isRedisUnavailable(errors[1]), 'a refused command that is not about availability stays itself');
  assert.ok(!isRedisUnavailable(new Error('ECONNREFUSED 127.0.0.1:80')), 'an HTTP fetch error is not a Redis one');
  let attempts = 0;
  await withStage(
    async () => {
      attempts++;
      await gone.get('x');
    },
    async (prefix) => {
      const queue = createQueue('fetch', redis, prefix);
      const job = fetchJob('https://example.com/redis-down');
      await queue.add('fetch', job, { jobId: 'redis-down', attempts: 2, backoff: { type: 'fixed', delay: 20 } });
      const failed = await waitFor('the job to fail', async () => (await queue.getJob('redis-down'))?.failedReason);
      assert.match(failed, /^redis-unavailable: /);
      assert.equal(attempts, 2, 'transient: retried');
      await queue.close();
    },
  );
});

test('enqueueing the same document twice adds one job', async () => {
  const prefix = uniquePrefix('rt');
  prefixes.push(prefix);
  const queue = createQueue('fetch', redis, prefix);
  const job = fetchJob('https://example.com/twice');
  await enqueue(queue, job.docId, job);
  await enqueue(queue, job.docId, job);
  assert.equal(await queue.count(), 1);
  await queue.close();
});

test('raw pages round-trip compressed and expire', async () => {
  const key = rawKeyFor(uniquePrefix('rt'), 'doc');
  prefixes.push(key.split(':')[0] ?? key);
  const page = new TextEncoder().encode('<html>'.padEnd(50_000, 'x'));
  await putRaw(redis, key, page);
  assert.deepEqual(await getRaw(redis, key), page);
  assert.ok((await redis.strlen(key)) < page.byteLength / 10, 'stored compressed');
  assert.ok((await redis.ttl(key)) > 0, 'has a TTL');
});

test('a stage sums its job counters in memory and writes them within a second, and the rest on close', async () => {
  const prefix = uniquePrefix('rt');
  prefixes.push(prefix);
  const stage = runStage(
    stageRunning('fetch', async () => undefined),
    {
      config: { REDIS_URL, NEWSFLOW_QUEUE_PREFIX: prefix },
      concurrency: 2,
      log,
    },
  );
  const queue = createQueue('fetch', redis, prefix);
  const counters = metricsKeys(prefix).counters;
  try {
    for (const n of [1, 2, 3])
      await enqueue(queue, docIdFor(`https://example.com/m/${n}`), fetchJob(`https://example.com/m/${n}`));
    const first = await waitFor('the counters of three jobs', async () =>
      Number(await redis.hget(counters, 'processed|fetch')) === 3 ? true : undefined,
    );
    assert.equal(first, true);
    await enqueue(queue, docIdFor('https://example.com/m/4'), fetchJob('https://example.com/m/4'));
    await waitFor('the fourth job', async () =>
      (await queue.getJobCounts('completed')).completed === 4 ? true : undefined,
    );
  } finally {
    await stage.close();
    await queue.close();
  }
  assert.equal(await redis.hget(counters, 'processed|fetch'), '4');
});
