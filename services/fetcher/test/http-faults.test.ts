import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { enqueue, getRaw } from '@newsflow/runtime';
import { identityOf } from '@newsflow/contracts';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

// Host names are allow-listed, not 127.0.0.1 itself: a redirect to the bare loopback IP must be refused.
const ALLOWED_HOSTS = 'site.test,disallow.test,robots500.test,robotshang.test,robotsbig.test,crawldelay.test';

let server: BadServer;
let harness: Harness;

before(async () => {
  server = await startBadServer();
  harness = await startHarness({ FETCH_ALLOW_PRIVATE: ALLOWED_HOSTS, FETCH_MAX_REDIRECTS: '4' });
});
after(async () => {
  await harness.close();
  await server.close();
});

async function outcome(host: string, path: string): Promise<{ state: string; reason: string; attempts: number }> {
  const result = await harness.waitFor(await harness.submit(server.url(host, path)));
  // A job that completed after retries keeps the failedReason of its last failed attempt.
  const reason = result.state === 'failed' ? (result.failedReason?.split(':')[0] ?? '') : '';
  return { state: result.state, reason, attempts: result.attemptsMade };
}

const cases: Array<[string, string, string, string]> = [
  ['plain page', '/ok', 'completed', ''],
  ['gzip page', '/gzip-ok', 'completed', ''],
  ['redirect chain', '/chain', 'completed', ''],
  ['slow drip', '/slow-drip', 'failed', 'timeout'],
  ['never-ending body', '/never-ending', 'failed', 'too-large'],
  ['oversized body', '/oversized', 'failed', 'too-large'],
  ['gzip bomb', '/gzip-bomb', 'failed', 'too-large'],
  ['brotli bomb', '/br-bomb', 'failed', 'too-large'],
  ['redirect loop', '/loop-a', 'failed', 'too-many-redirects'],
  ['non-HTML (JSON)', '/json', 'failed', 'not-html'],
  ['non-HTML (PDF)', '/pdf', 'failed', 'not-html'],
  ['connection reset', '/reset', 'failed', 'network'],
  ['reset in the middle of the body', '/reset-mid-body', 'failed', 'network'],
  ['no response headers', '/no-headers', 'failed', 'timeout'],
  ['404', '/status-404', 'failed', 'http-4xx'],
  ['503 then 200', '/flaky-503', 'completed', ''],
  ['header overflow', '/header-overflow', 'failed', 'protocol-error'],
  ['bytes that are not HTTP', '/not-http', 'failed', 'protocol-error'],
  ['status 999', '/status-999', 'failed', 'protocol-error'],
];

for (const [name, path, state, reason] of cases) {
  void test(`${name} ends ${state}${reason ? ` (${reason})` : ''}`, async () => {
    const result = await outcome('site.test', path);
    assert.equal(result.state, state, JSON.stringify(result));
    assert.equal(result.reason, reason);
  });
}

void test('transient failures are retried, permanent ones fail once', async () => {
  assert.equal((await outcome('site.test', '/reset')).attempts, 3);
  assert.equal((await outcome('site.test', '/json')).attempts, 1);
  for (const path of ['/header-overflow', '/not-http', '/status-999'])
    assert.equal((await outcome('site.test', path)).attempts, 1, `${path} is a protocol fault, not retried`);
});

void test('127.0.0.1 itself is refused when only host names are allow-listed', async () => {
  const direct = await outcome('127.0.0.1', '/ok');
  assert.deepEqual([direct.state, direct.reason], ['failed', 'ssrf-blocked']);
});

void test('redirects to loopback and to the metadata address fail as ssrf-blocked', async () => {
  const toLoopback = await startBadServer({
    '/to-loopback': (_req, res, self) =>
      void res.writeHead(302, { location: `http://127.0.0.1:${self.port}/ok` }).end(),
    '/to-metadata': (_req, res) =>
      void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/to-decimal': (_req, res) => void res.writeHead(302, { location: 'http://2852039166/latest/meta-data/' }).end(),
    '/to-file': (_req, res) => void res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  });
  try {
    for (const path of ['/to-loopback', '/to-metadata', '/to-decimal']) {
      const result = await harness.waitFor(await harness.submit(toLoopback.url('site.test', path)));
      assert.equal(result.state, 'failed', path);
      assert.match(result.failedReason ?? '', /^ssrf-blocked: /, path);
    }
    const file = await harness.waitFor(await harness.submit(toLoopback.url('site.test', '/to-file')));
    assert.match(file.failedReason ?? '', /^invalid-url: /);
    assert.ok(!toLoopback.hits.some((hit) => hit.host.startsWith('127.0.0.1')), 'nothing reached the loopback address');
  } finally {
    await toLoopback.close();
  }
});

void test('the raw page, final URL, redirect chain and validators travel to the cleaner', async () => {
  const url = server.url('site.test', '/chain');
  await harness.waitFor(await harness.submit(url));
  const clean = await harness.cleanJob(identityOf(url).docId);
  assert.ok(clean, 'clean job enqueued');
  assert.equal(clean.data.finalUrl, server.url('site.test', '/ok'));
  assert.deepEqual(clean.data.redirects, [url]);
  assert.equal(clean.data.etag, '"v1"');
  const raw = await getRaw(harness.redis, clean.data.rawKey);
  assert.match(Buffer.from(raw ?? []).toString('utf8'), /perfectly ordinary article/);
  assert.ok((await harness.redis.ttl(clean.data.rawKey)) > 0, 'raw page has a TTL');
});

void test('a host name that resolves to loopback is refused at connect time (no DNS-rebinding gap)', async () => {
  const before = server.hits.length;
  const result = await outcome('evil.test', '/ok');
  assert.deepEqual([result.state, result.reason, result.attempts], ['failed', 'ssrf-blocked', 1]);
  assert.equal(server.hits.length, before, 'no request reached the server, not even for robots.txt');
});

void test('one URL dropped twice (two spellings) within the window is fetched once', async () => {
  const spellings = [server.url('site.test', '/page/dup/?utm_source=x#top'), server.url('SITE.test', '/page/dup')];
  for (const spelling of spellings) {
    const { url, docId } = identityOf(spelling);
    await enqueue(harness.stage.queues.fetch, docId, {
      url,
      docId,
      submittedAt: new Date().toISOString(),
      source: { kind: 'api' },
    });
  }
  const { docId } = identityOf(spellings[1]!);
  assert.equal((await harness.waitFor(`fetch-${docId}`)).state, 'completed');
  const { url, docId: sameId } = identityOf(spellings[0]!);
  await enqueue(harness.stage.queues.fetch, sameId, {
    url,
    docId: sameId,
    submittedAt: new Date().toISOString(),
    source: { kind: 'api' },
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(server.hits.filter((hit) => hit.path === '/page/dup').length, 1);
});

test('the URL is requested as submitted: a page that exists only with its trailing slash is fetched', async () => {
  const submitted = server.url('site.test', '/only-with-slash/');
  const { url, docId } = identityOf(submitted);
  assert.ok(!url.endsWith('/only-with-slash/'), 'the identity drops the trailing slash');
  const result = await harness.waitFor(await harness.submit(url, { fetchUrl: submitted }));
  assert.equal(result.state, 'completed');
  assert.equal((await harness.cleanJob(docId))?.data.finalUrl, submitted);
});
