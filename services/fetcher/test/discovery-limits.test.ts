import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

// Issue 11 finding 6: one sitemap (60,000 URLs, 2.6 MB) or one sitemap index must not enqueue
// without limit; what is cut is counted and shown on the job, not dropped silently.
const URLS = 60_000;
const MAX_URLS = 300;
const MAX_CHILDREN = 4;

let server: BadServer;
let harness: Harness;

before(async () => {
  server = await startBadServer({
    '/huge-sitemap.xml': (_req, res, self) => {
      const urls = Array.from(
        { length: URLS },
        (_, n) => `<url><loc>http://site.test:${self.port}/page/${n}</loc></url>`,
      );
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset>${urls.join('')}</urlset>`);
    },
    '/wide-index.xml': (_req, res, self) => {
      const maps = Array.from(
        { length: 50 },
        (_, n) => `<sitemap><loc>http://site.test:${self.port}/m/${n}.xml</loc></sitemap>`,
      );
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<sitemapindex>${maps.join('')}</sitemapindex>`);
    },
  });
  harness = await startHarness({
    FETCH_ALLOW_PRIVATE: 'site.test',
    FETCH_MAX_FEED_BYTES: String(8 * 1024 * 1024),
    FETCH_DISCOVERY_MAX_URLS: String(MAX_URLS),
    FETCH_SITEMAP_MAX_CHILDREN: String(MAX_CHILDREN),
  });
});
after(async () => {
  await harness.close();
  await server.close();
});

/** Every job the fetch queue holds, whatever its state. */
async function jobCount(): Promise<number> {
  const counts = await harness.stage.queues.fetch.getJobCounts();
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

async function expandOnly(url: string, discover: 'sitemap'): Promise<{ added: number; logs: string[] }> {
  const before = await jobCount();
  const id = await harness.submit(url, {}, undefined, discover);
  assert.equal((await harness.waitFor(id)).state, 'completed');
  await sleep(100);
  const { logs } = await harness.stage.queues.fetch.getJobLogs(id);
  return { added: (await jobCount()) - before - 1, logs };
}

void test('a 60,000-URL sitemap enqueues the configured cap and reports the rest as overflow', async () => {
  const { added, logs } = await expandOnly(server.url('site.test', '/huge-sitemap.xml'), 'sitemap');
  assert.equal(added, MAX_URLS);
  assert.deepEqual(logs, [`${URLS - MAX_URLS} entries over the cap were not enqueued`]);
});

void test('a sitemap index enqueues at most the configured number of child sitemaps', async () => {
  const { added, logs } = await expandOnly(server.url('site.test', '/wide-index.xml'), 'sitemap');
  assert.equal(added, MAX_CHILDREN);
  assert.deepEqual(logs, [`${50 - MAX_CHILDREN} entries over the cap were not enqueued`]);
});
