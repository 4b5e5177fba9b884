import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { Queue } from 'bullmq';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { closeInOrder, startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

// Issue 11, load: while the backlog is over INTAKE_MAX_BACKLOG, a sitemap is not even fetched,
// let alone expanded into jobs; it waits and is read once the backlog has drained.
const PAGES = 5;
let server: BadServer;
let harness: Harness;
let sitemapReads = 0;

before(async () => {
  server = await startBadServer({
    '/sitemap.xml': (_req, res, self) => {
      sitemapReads += 1;
      const urls = Array.from(
        { length: PAGES },
        (_, n) => `<url><loc>http://site.test:${self.port}/p/${n}</loc></url>`,
      );
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset>${urls.join('')}</urlset>`);
    },
  });
  harness = await startHarness({
    FETCH_ALLOW_PRIVATE: 'site.test',
    INTAKE_MAX_BACKLOG: '2',
    INTAKE_RETRY_AFTER_SECONDS: '1',
  });
});
after(() => closeInOrder(harness, server));

void test('over INTAKE_MAX_BACKLOG a sitemap waits unread and adds nothing; drained, it is read and expanded', async () => {
  const clean = harness.stage.queues.clean as Queue;
  // Work the next stage has not taken yet (no clean worker runs here): the backlog.
  await clean.addBulk([1, 2, 3].map((n) => ({ name: 'clean', data: { n }, opts: { jobId: `filler-${n}` } })));
  const id = await harness.submit(server.url('site.test', '/sitemap.xml'), {}, undefined, 'sitemap');
  await sleep(2_500);
  assert.equal(await harness.stage.queues.fetch.getJobState(id), 'delayed', 'parked, not failed');
  assert.equal(sitemapReads, 0, 'not fetched while paused');
  const articles = async () =>
    (await harness.stage.queues.fetch.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
      (job) => job.name === 'fetch',
    ).length;
  assert.equal(await articles(), 0);
  await clean.drain(true);
  const outcome = await harness.waitFor(id, 15_000);
  assert.equal(outcome.state, 'completed');
  assert.equal(sitemapReads, 1);
  assert.equal(await articles(), PAGES);
});
