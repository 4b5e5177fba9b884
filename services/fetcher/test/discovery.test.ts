import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { Queue } from 'bullmq';
import { identityOf } from '@newsflow/contracts';
import { submitFeed, submitSitemap, unsubmitDiscovery } from '@newsflow/runtime';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

let server: BadServer;
let harness: Harness;
const conditional = { notModified: 0 };

const rss = (port: number) => `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Seed</title>
  <item><title>One</title><link>http://site.test:${port}/page/one?utm_source=rss</link><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate></item>
  <item><title>Two</title><link>http://site.test:${port}/page/two</link></item>
</channel></rss>`;

const urlset = (
  port: number,
) => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>http://site.test:${port}/page/s1</loc><news:news><news:publication_date>2025-03-04T05:06:07Z</news:publication_date><news:title>From sitemap</news:title></news:news></url>
  <url><loc>http://site.test:${port}/page/s2</loc></url>
</urlset>`;

before(async () => {
  server = await startBadServer({
    '/feed.xml': (req, res, self) => {
      if (req.headers['if-none-match'] === '"feed-1"') {
        conditional.notModified++;
        return void res.writeHead(304).end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-1"' }).end(rss(self.port));
    },
    '/sitemap-index.xml': (_req, res, self) =>
      void res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(`<sitemapindex><sitemap><loc>http://site.test:${self.port}/news.xml.gz</loc></sitemap></sitemapindex>`),
    '/news.xml.gz': (_req, res, self) =>
      void res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gzipSync(urlset(self.port))),
    '/not-a-feed.xml': (_req, res) =>
      void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>nope</body></html>'),
  });
  harness = await startHarness({ FETCH_ALLOW_PRIVATE: 'site.test' });
});
after(async () => {
  await harness.close();
  await server.close();
});

async function waitForJob(docId: string): Promise<{ data: { hints?: unknown; source: unknown } } | undefined> {
  for (let i = 0; i < 100; i++) {
    const job = await harness.stage.queues.fetch.getJob(`fetch-${docId}`);
    if (job) return job;
    await sleep(50);
  }
  return undefined;
}

void test('an RSS feed expands into normalised article jobs carrying title and date hints', async () => {
  const feedUrl = server.url('site.test', '/feed.xml');
  assert.equal((await harness.waitFor(await harness.submit(feedUrl, {}, undefined, 'feed'))).state, 'completed');
  const one = await waitForJob(identityOf(server.url('site.test', '/page/one')).docId);
  assert.ok(one, 'article job added under the identity of the normalised URL');
  assert.deepEqual(one.data.hints, { title: 'One', publishedAt: '2025-06-10T04:00:00.000Z' });
  assert.deepEqual(one.data.source, { kind: 'feed', ref: feedUrl });
  assert.ok(await waitForJob(identityOf(server.url('site.test', '/page/two')).docId));
});

void test('a sitemap index leads to a gzipped Google News sitemap and its articles', async () => {
  const indexUrl = server.url('site.test', '/sitemap-index.xml');
  assert.equal(
    (await harness.waitFor(await harness.submit(indexUrl, { depth: 0 }, undefined, 'sitemap'))).state,
    'completed',
  );
  const s1 = await waitForJob(identityOf(server.url('site.test', '/page/s1')).docId);
  assert.ok(s1, 'article from the child sitemap');
  assert.ok(await waitForJob(identityOf(server.url('site.test', '/page/s2')).docId));
});

void test('something that is not a feed fails once as not-a-feed', async () => {
  const result = await harness.waitFor(
    await harness.submit(server.url('site.test', '/not-a-feed.xml'), {}, undefined, 'feed'),
  );
  assert.equal(result.state, 'failed');
  assert.match(result.failedReason ?? '', /^not-a-feed: /);
});

void test('submitFeed schedules re-polls that use conditional GET (ETag)', async () => {
  const queue = harness.stage.queues.fetch;
  const feedUrl = server.url('site.test', '/feed.xml?poll=1');
  const submitted = await submitFeed(queue, feedUrl, { everySeconds: 1 });
  assert.ok(submitted.schedulerId);
  assert.ok(await (queue as Queue).getJobScheduler(submitted.schedulerId));
  const before = conditional.notModified;
  for (let i = 0; i < 80 && conditional.notModified === before; i++) await sleep(50);
  assert.ok(conditional.notModified > before, 'a later poll sent If-None-Match and got 304');
  assert.equal(await unsubmitDiscovery(queue, feedUrl, 'feed'), true);
  const once = await submitSitemap(queue, server.url('site.test', '/sitemap-index.xml'));
  assert.equal(once.schedulerId, undefined);
});
