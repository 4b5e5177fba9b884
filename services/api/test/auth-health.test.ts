// Credentials protect API, dashboard and metrics; probes stay open; the token never reaches the log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { buildServer } from '@newsflow/api';
import { startTestStack } from '@newsflow/api/testing';
import { closeQueues, createQueues, createRedisClient } from '@newsflow/runtime';
import { createEsClient } from '@newsflow/search';
import type { TestStack } from '@newsflow/api/testing';
import { json } from './helpers.ts';

const TOKEN = 'test-token-0123456789abcdef';
const BASIC = 'editor:correct horse battery';
let stack: TestStack;
let logs = '';

before(async () => {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  stack = await startTestStack({ API_TOKEN: TOKEN, API_BASIC_AUTH: BASIC, LOG_LEVEL: 'info' }, { logStream: stream });
});
after(() => stack.close());

const get = (url: string, authorization?: string) =>
  stack.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });

test('without credentials the API, dashboard, metrics, pages and OpenAPI answer 401', async () => {
  for (const url of ['/api/search', '/api/stats', '/dashboard', '/metrics', '/', '/openapi.json']) {
    const response = await get(url);
    assert.equal(response.statusCode, 401, url);
    assert.match(response.headers['www-authenticate'] as string, /^Basic/);
  }
  assert.equal((await get('/api/stats', `Bearer ${TOKEN}x`)).statusCode, 401);
  assert.equal((await get('/api/stats', 'Bearer short')).statusCode, 401);
});

test('a bearer token or basic credentials open everything', async () => {
  assert.equal((await get('/api/stats', `Bearer ${TOKEN}`)).statusCode, 200);
  assert.equal((await get('/metrics', `Basic ${Buffer.from(BASIC).toString('base64')}`)).statusCode, 200);
  const dashboard = await get('/dashboard', `Bearer ${TOKEN}`);
  assert.equal(dashboard.statusCode, 200);
  assert.match(dashboard.body, /<html/i);
});

test('the auth scheme is case-insensitive (RFC 9110), the credentials are not', async () => {
  for (const scheme of ['bearer', 'BEARER', 'bEaReR'])
    assert.equal((await get('/api/stats', `${scheme} ${TOKEN}`)).statusCode, 200, scheme);
  assert.equal((await get('/api/stats', `basic ${Buffer.from(BASIC).toString('base64')}`)).statusCode, 200);
  assert.equal((await get('/api/stats', `bearer ${TOKEN.toUpperCase()}`)).statusCode, 401);
});

test('the dashboard, over real HTTP, forbids framing and loading from elsewhere', async () => {
  const base = await stack.listen();
  const links: string[] = [];
  for (const path of ['/dashboard', '/dashboard/']) {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.status, 200, path);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.match(csp, /default-src 'none'/, path);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
    links.push(...[...(await response.text()).matchAll(/src="(static\/js\/[^"]+)"/g)].map((match) => match[1] ?? ''));
  }
  assert.ok(links.length > 0, 'the dashboard page names its scripts');
  const script = await fetch(`${base}/dashboard/${links[0]}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(script.status, 200);
  assert.equal(script.headers.get('x-frame-options'), 'DENY');
});

test('/healthz and /readyz need no credentials and report Redis and Elasticsearch', async () => {
  assert.deepEqual(json((await get('/healthz')).body), { status: 'ok' });
  const ready = await get('/readyz');
  assert.equal(ready.statusCode, 200);
  assert.deepEqual(json(ready.body), { status: 'ready', checks: { redis: 'ok', elasticsearch: 'ok' } });
});

test('no credential appears in the request log', async () => {
  await get('/api/stats', `Bearer ${TOKEN}`);
  await get('/api/stats', `Basic ${Buffer.from(BASIC).toString('base64')}`);
  await get('/api/stats', 'Bearer wrong-token-for-the-log-test');
  assert.ok(logs.includes('"url":"/api/stats"'), 'requests are logged');
  for (const secret of [TOKEN, Buffer.from(BASIC).toString('base64'), 'wrong-token-for-the-log-test', 'correct horse'])
    assert.ok(!logs.includes(secret), secret);
});

test('the server refuses to be built for a non-loopback host without credentials', async () => {
  await assert.rejects(
    startTestStack({ API_HOST: '0.0.0.0' }),
    /refusing to listen on 0\.0\.0\.0 without API_TOKEN or API_BASIC_AUTH/,
  );
});

test('/readyz asks every queue and the write alias: a missing alias is not ready', async () => {
  const app = await buildServer({
    config: {
      ...stack.config,
      API_TOKEN: undefined,
      API_BASIC_AUTH: undefined,
      NEWSFLOW_INDEX_PREFIX: 'no-such-index',
    },
    queues: stack.queues,
    elasticsearch: stack.elasticsearch,
    redis: stack.redis,
  });
  try {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(response.statusCode, 503);
    const body = json(response.body) as { checks: { redis: string; elasticsearch: string } };
    assert.equal(body.checks.redis, 'ok');
    assert.match(body.checks.elasticsearch, /write alias no-such-index\S* is missing/);
  } finally {
    await app.close();
  }
});

test('/readyz answers 503 naming the dependency that is down', async () => {
  const redis = createRedisClient(stack.config, 'readyz-test');
  const queues = createQueues(redis, stack.config.NEWSFLOW_QUEUE_PREFIX);
  const elasticsearch = createEsClient('http://127.0.0.1:9');
  const app = await buildServer({
    config: { ...stack.config, API_TOKEN: undefined, API_BASIC_AUTH: undefined },
    queues,
    elasticsearch,
    redis,
  });
  try {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(response.statusCode, 503);
    const body = json(response.body) as { status: string; checks: { redis: string; elasticsearch: string } };
    assert.equal(body.checks.redis, 'ok');
    assert.match(body.checks.elasticsearch, /^error/);
  } finally {
    await app.close();
    await closeQueues(queues);
    redis.disconnect();
    await elasticsearch.close();
  }
});

test("a browser POST from another site is refused (CSRF), one from the API's own origin is not", async () => {
  const authorization = `Bearer ${TOKEN}`;
  const post = (headers: Record<string, string>) =>
    stack.app.inject({
      method: 'POST',
      url: '/api/urls',
      headers: { authorization, 'content-type': 'text/plain', host: '127.0.0.1:8080', ...headers },
      payload: 'https://example.com/csrf',
    });
  const evil = await post({ origin: 'https://evil.example' });
  assert.equal(evil.statusCode, 403);
  assert.match(json(evil.body).message as string, /cross-origin request refused/);
  assert.equal((await post({ 'sec-fetch-site': 'cross-site' })).statusCode, 403);
  assert.equal((await post({ origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-origin' })).statusCode, 202);
  assert.equal((await post({})).statusCode, 202, 'curl and the CLI send no Origin');
  assert.equal((await stack.queues.fetch.getJobCounts('waiting')).waiting, 1);
});
