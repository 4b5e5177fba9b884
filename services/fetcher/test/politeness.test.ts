import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

let server: BadServer;
let harness: Harness;

before(async () => {
  server = await startBadServer({
    // Another host of the same server: the redirect target must be paced like a direct request.
    '/to-crawldelay': (req, res) =>
      void res
        .writeHead(302, {
          location: `http://crawldelay.test:${(req.headers.host ?? '').split(':')[1]}/page/via-redirect`,
        })
        .end(),
  });
  harness = await startHarness({
    FETCH_ALLOW_PRIVATE:
      'site.test,slow.test,disallow.test,robots500.test,robotshang.test,robotsbig.test,crawldelay.test',
  });
});
after(async () => {
  await harness.close();
  await server.close();
});

async function run(host: string, path: string): Promise<{ state: string; reason: string }> {
  const result = await harness.waitFor(await harness.submit(server.url(host, path)));
  return { state: result.state, reason: result.state === 'failed' ? (result.failedReason?.split(':')[0] ?? '') : '' };
}

void test('robots.txt that disallows a path: that path fails once, others are fetched', async () => {
  assert.deepEqual(await run('disallow.test', '/private/page'), { state: 'failed', reason: 'robots-disallowed' });
  assert.deepEqual(await run('disallow.test', '/ok'), { state: 'completed', reason: '' });
  const robotsHits = server.hits.filter((hit) => hit.host.startsWith('disallow.test') && hit.path === '/robots.txt');
  assert.equal(robotsHits.length, 1, 'robots.txt fetched once, then served from the Redis cache');
});

void test('a redirect into a disallowed path is refused on the new hop', async () => {
  assert.deepEqual(await run('disallow.test', '/to-private-path'), { state: 'failed', reason: 'robots-disallowed' });
  assert.ok(!server.hits.some((hit) => hit.path === '/private/x'), 'the disallowed target was never requested');
});

void test('robots.txt answering 500 means disallowed for now: retried, then robots-unavailable', async () => {
  assert.deepEqual(await run('robots500.test', '/ok'), { state: 'failed', reason: 'robots-unavailable' });
  assert.ok(!server.hits.some((hit) => hit.host.startsWith('robots500.test') && hit.path === '/ok'));
});

void test('robots.txt that never answers counts as unreachable', async () => {
  assert.deepEqual(await run('robotshang.test', '/ok'), { state: 'failed', reason: 'robots-unavailable' });
});

void test('a 600 KiB robots.txt is parsed up to 500 KiB only', async () => {
  assert.deepEqual(await run('robotsbig.test', '/early/a'), { state: 'failed', reason: 'robots-disallowed' });
  assert.deepEqual(await run('robotsbig.test', '/late/a'), { state: 'completed', reason: '' });
});

void test('429 with Retry-After: retried, and the host is left alone for that long', async () => {
  assert.deepEqual(await run('slow.test', '/rate-429'), { state: 'completed', reason: '' });
  const hits = server.hits.filter((hit) => hit.host.startsWith('slow.test') && hit.path === '/rate-429');
  assert.equal(hits.length, 2);
  assert.ok(hits[1]!.at - hits[0]!.at >= 1000, `second try came ${hits[1]!.at - hits[0]!.at} ms after the 429`);
});

void test('Crawl-delay is honoured between requests to the host', async () => {
  const ids = await Promise.all(
    ['/page/1', '/page/2'].map((path) => harness.submit(server.url('crawldelay.test', path))),
  );
  for (const id of ids) assert.equal((await harness.waitFor(id)).state, 'completed');
  const hits = server.hits.filter((hit) => hit.host.startsWith('crawldelay.test') && hit.path.startsWith('/page/'));
  assert.ok(hits[1]!.at - hits[0]!.at >= 1000, `gap ${hits[1]!.at - hits[0]!.at} ms`);
});

void test('a redirect to another host waits for that host like a direct request', async () => {
  const ids = await Promise.all([
    harness.submit(server.url('crawldelay.test', '/page/direct')),
    harness.submit(server.url('site.test', '/to-crawldelay')),
  ]);
  for (const id of ids) assert.equal((await harness.waitFor(id)).state, 'completed');
  const hits = server.hits.filter(
    (hit) =>
      hit.host.startsWith('crawldelay.test') && (hit.path === '/page/direct' || hit.path === '/page/via-redirect'),
  );
  assert.equal(hits.length, 2);
  assert.ok(
    hits[1]!.at - hits[0]!.at >= 1000,
    `gap ${hits[1]!.at - hits[0]!.at} ms between ${hits[0]!.path} and ${hits[1]!.path}`,
  );
});

void test('every request names the project and a contact URL', () => {
  assert.ok(server.hits.length > 0);
  for (const hit of server.hits) assert.match(hit.userAgent, /^NewsflowBot\/\S+ \(\+https?:\/\/\S+\)$/);
});
