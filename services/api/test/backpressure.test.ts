// Back-pressure at intake (issue 11): every intake route answers 503 with Retry-After, queueing
// nothing, while the backlog or Redis memory is over its bound, and answers within
// INTAKE_REDIS_TIMEOUT_MS (not never) while Redis is frozen or down. Real Redis throughout: the
// shared one for queue depth, one of the test's own where memory is measured or the server stopped.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { Worker } from 'bullmq';
import { createRedisClient, queuePrefix } from '@newsflow/runtime';
import { startLocalRedis, waitFor } from '@newsflow/testkit';
import type { LocalRedis } from '@newsflow/testkit';
import { json, queued } from './helpers.ts';

/** The gate shares one reading per second between requests. */
const READING_MS = 1_100;

/** One request to each intake path, in each body form. */
const INTAKE_REQUESTS = [
  { url: '/api/urls', payload: ['https://example.com/more/1'] },
  { url: '/api/urls', payload: 'https://example.com/more/2\n', headers: { 'content-type': 'text/plain' } },
  { url: '/api/feeds', payload: { url: 'https://example.com/rss.xml' } },
  { url: '/api/sitemaps', payload: { url: 'https://example.com/sitemap.xml', everyMinutes: 60 } },
  { url: '/api/sites', payload: { url: 'https://example.com/' } },
  { url: '/api/sources', payload: { kind: 'feed', url: 'https://example.com/atom.xml' } },
  { url: '/api/warc', payload: { urls: ['https://example.com/a.warc.gz'] } },
  { url: '/api/warc', payload: 'WARC/1.0\r\n', headers: { 'content-type': 'application/warc' } },
] as const;

const stacks: TestStack[] = [];
const servers: LocalRedis[] = [];
after(async () => {
  for (const stack of stacks) await stack.close();
  for (const server of servers) await server.stop();
});

async function stackOn(env: Record<string, string>): Promise<TestStack> {
  const stack = await startTestStack({ INTAKE_RETRY_AFTER_SECONDS: '7', ...env });
  stacks.push(stack);
  return stack;
}

/** A stack on a Redis server of the test's own (to fill, freeze or stop), stopped after the file. */
async function stackOnLocalRedis(env: Record<string, string>): Promise<{ redis: LocalRedis; stack: TestStack }> {
  // nothing on disk: a restart comes back empty
  const redis = await startLocalRedis(['--appendonly', 'no']);
  servers.push(redis);
  return { redis, stack: await stackOn({ REDIS_URL: redis.url, ...env }) };
}

const submitMany = (stack: TestStack, paths: readonly string[]) =>
  stack.app.inject({ method: 'POST', url: '/api/urls', payload: paths.map((path) => `https://example.com/${path}`) });
const submit = (stack: TestStack, path = 'a') => submitMany(stack, [path]);

test('over INTAKE_MAX_BACKLOG every intake path answers 503 + Retry-After and queues nothing; drained, it takes work again', async () => {
  const stack = await stackOn({ INTAKE_MAX_BACKLOG: '3' });
  const first = await stack.app.inject({
    method: 'POST',
    url: '/api/urls',
    payload: ['https://example.com/1', 'https://example.com/2', 'https://example.com/3', 'https://example.com/4'],
  });
  assert.equal(first.statusCode, 202, first.body);
  await sleep(READING_MS);
  const jobsBefore = await queued(stack, 'fetch');
  assert.equal(jobsBefore, 4);
  for (const request of INTAKE_REQUESTS) {
    const response = await stack.app.inject({ method: 'POST', ...request, payload: request.payload as object });
    assert.equal(response.statusCode, 503, `${request.url}: ${response.body}`);
    assert.equal(response.headers['retry-after'], '7', request.url);
    const body = json(response.body);
    assert.equal(body.cause, 'backlog');
    assert.match(body.message as string, /4 jobs waiting or running, over INTAKE_MAX_BACKLOG \(3\)/);
  }
  assert.equal(await queued(stack, 'fetch'), jobsBefore, 'nothing was queued while refused');
  assert.equal((await stack.app.inject({ method: 'GET', url: '/api/sources' })).statusCode, 200, 'reads still work');
  await stack.queues.fetch.drain(true);
  await sleep(READING_MS);
  assert.equal((await submit(stack, 'after-drain')).statusCode, 202);
});

test('jobs a worker holds (active) count toward INTAKE_MAX_BACKLOG: they are not done either', async () => {
  const stack = await stackOn({ INTAKE_MAX_BACKLOG: '1' });
  assert.equal((await submitMany(stack, ['held', 'waits'])).statusCode, 202);
  const connection = createRedisClient(stack.config, 'test-holder');
  const prefix = queuePrefix(stack.config.NEWSFLOW_QUEUE_PREFIX, 'fetch');
  const worker = new Worker('fetch', null, { connection, prefix, autorun: false });
  try {
    assert.ok(await worker.getNextJob('test-holder'), 'the worker took a job');
    assert.deepEqual(await stack.queues.fetch.getJobCounts('waiting', 'active'), { waiting: 1, active: 1 });
    await sleep(READING_MS);
    const refused = await submit(stack, 'third');
    assert.equal(refused.statusCode, 503, `one waiting and one active is two, over 1: ${refused.body}`);
    assert.match(json(refused.body).message as string, /2 jobs waiting or running, over INTAKE_MAX_BACKLOG \(1\)/);
  } finally {
    await worker.close();
    connection.disconnect();
  }
});

test('over INTAKE_MAX_REDIS_MEMORY_MB (used_memory of the server) intake answers 503; memory freed, it takes work again', async () => {
  const { stack } = await stackOnLocalRedis({ INTAKE_MAX_REDIS_MEMORY_MB: '8', INTAKE_REDIS_KB_PER_JOB: '0' });
  assert.equal((await submit(stack, 'small')).statusCode, 202);
  const ballast = `${stack.config.NEWSFLOW_QUEUE_PREFIX}:ballast`;
  await stack.redis.set(ballast, Buffer.alloc(12 * 1024 * 1024, 1));
  await sleep(READING_MS);
  const refused = await submit(stack, 'refused');
  assert.equal(refused.statusCode, 503, refused.body);
  assert.equal(refused.headers['retry-after'], '7');
  assert.match(
    json(refused.body).message as string,
    /Redis holds 1\d(\.\d)? MB, over INTAKE_MAX_REDIS_MEMORY_MB \(8\)/,
  );
  await stack.redis.del(ballast);
  await sleep(READING_MS);
  assert.equal((await submit(stack, 'after-free')).statusCode, 202);
});

test('INTAKE_REDIS_KB_PER_JOB: the jobs waiting count for what they will leave in Redis; drained, intake opens', async () => {
  // 2 MB a job against an 8 MB bound: the fourth waiting job takes the projection past it while
  // the server itself still holds a megabyte or two.
  const { stack } = await stackOnLocalRedis({ INTAKE_MAX_REDIS_MEMORY_MB: '8', INTAKE_REDIS_KB_PER_JOB: '2048' });
  for (const batch of ['1', '2'])
    assert.equal((await submitMany(stack, [`${batch}a`, `${batch}b`])).statusCode, 202, `batch ${batch}`);
  await sleep(READING_MS);
  const refused = await submit(stack, 'refused');
  assert.equal(refused.statusCode, 503, refused.body);
  assert.equal(refused.headers['retry-after'], '7');
  const message = json(refused.body).message as string;
  const figures =
    /Redis holds ([\d.]+) MB and the 4 jobs waiting or running will leave it about ([\d.]+) MB once processed/.exec(
      message,
    );
  assert.ok(figures, message);
  const [heldMb, projectedMb] = [Number(figures[1]), Number(figures[2])];
  assert.ok(heldMb < 8, `used memory alone is under the bound: ${message}`);
  assert.ok(Math.abs(projectedMb - (heldMb + 8)) <= 0.1, `4 jobs × 2 MB on top: ${message}`);
  assert.equal(await queued(stack, 'fetch'), 4, 'nothing was queued while refused');
  await stack.queues.fetch.drain(true);
  await sleep(READING_MS);
  assert.equal((await submit(stack, 'after-drain')).statusCode, 202);
});

test('a burst of requests on one reading: each counts the jobs let in before it, so the bound holds', async () => {
  // The reading is shared for a second; without counting admissions all twelve would get in on it.
  const { stack } = await stackOnLocalRedis({ INTAKE_MAX_REDIS_MEMORY_MB: '8', INTAKE_REDIS_KB_PER_JOB: '2048' });
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => submit(stack, `burst-${i}`)));
  const admitted = answers.filter((answer) => answer.statusCode === 202).length;
  const refused = answers.filter((answer) => answer.statusCode === 503);
  assert.ok(admitted >= 1 && admitted <= 4, `at most four 2 MB jobs fit under 8 MB; ${admitted} admitted`);
  assert.equal(refused.length, 12 - admitted, answers.map((answer) => answer.statusCode).join(' '));
  assert.match(json(refused[0]!.body).message as string, /jobs waiting or running will leave it about/);
  assert.equal(await queued(stack, 'fetch'), admitted, 'every admitted request queued its job, no refused one did');
});

test('a request is admitted for every URL it carries: the next one is refused before any new reading', async () => {
  const { stack } = await stackOnLocalRedis({ INTAKE_MAX_REDIS_MEMORY_MB: '8', INTAKE_REDIS_KB_PER_JOB: '2048' });
  assert.equal((await submitMany(stack, ['b1', 'b2', 'b3', 'b4'])).statusCode, 202, 'an empty pipeline takes a batch');
  const next = await submit(stack, 'next');
  assert.equal(next.statusCode, 503, `four 2 MB jobs just admitted fill the 8 MB bound: ${next.body}`);
  assert.equal(await queued(stack, 'fetch'), 4);
});

test('Redis frozen or down: intake answers 503 within INTAKE_REDIS_TIMEOUT_MS, never hangs; back up, intake works again', async () => {
  const { redis, stack } = await stackOnLocalRedis({ INTAKE_REDIS_TIMEOUT_MS: '500' });
  assert.equal((await submit(stack, 'before')).statusCode, 202);
  redis.freeze();
  try {
    for (const path of ['frozen-1', 'frozen-2']) {
      const started = Date.now();
      const response = await submit(stack, path);
      const took = Date.now() - started;
      assert.equal(response.statusCode, 503, response.body);
      assert.ok(response.headers['retry-after'], 'Retry-After');
      assert.match(json(response.body).message as string, /did not answer within 500 ms/);
      assert.ok(took < 1_500, `answered in ${took} ms`);
    }
  } finally {
    redis.thaw();
  }
  await redis.kill();
  await waitFor('the client to notice', async () => (stack.redis.status !== 'ready' ? true : undefined), 5_000);
  const started = Date.now();
  const down = await submit(stack, 'down');
  assert.equal(down.statusCode, 503, down.body);
  assert.equal(json(down.body).cause, 'redis-unreachable');
  assert.match(json(down.body).message as string, /Redis is unreachable/);
  assert.ok(Date.now() - started < 500, 'refused at once while disconnected');
  await redis.start();
  await waitFor(
    'intake to take work again',
    async () => ((await submit(stack, 'back')).statusCode === 202 ? true : undefined),
    20_000,
  );
});
