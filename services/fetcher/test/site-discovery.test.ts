import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { identityOf } from '@newsflow/contracts';
import { waitFor } from '@newsflow/testkit';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';
import { rssOf, startSiteServer } from './support/site-server.ts';
import type { SiteServer } from './support/site-server.ts';

let server: SiteServer;
let harness: Harness;
const ARTICLES = [
  '/2024/05/06/council-approves-harbour-plan',
  '/news/tram-line-opens-after-years-of-delay',
  '/world/1234567',
];
const NOT_ARTICLES = [
  '/tag/politics',
  '/author/jane-doe',
  '/news?page=2',
  '/about',
  '/img/photo-of-the-harbour-at-night.jpg',
];

const homeWithLinks = (): string => {
  const anchors = [
    ...ARTICLES.map((path) => `<a href="${path}">Council approves the harbour plan after debate</a>`),
    ...NOT_ARTICLES.map((path) => `<a href="${path}">Politics news and more items</a>`),
    '<a href="/politics">Politics</a><a href="/sport">Sport</a>',
    '<a href="http://elsewhere.test/2024/05/06/another-sites-story-here">Another site story about things</a>',
  ];
  return `<html><head><title>Home</title></head><body><nav>${anchors.join('\n')}</nav></body></html>`;
};

before(async () => {
  server = await startSiteServer({
    'links.test': { '/': { body: homeWithLinks() } },
    'feedy.test': {
      '/': {
        body: '<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body><a href="/2024/01/02/some-story-slug-here">A story with a long title</a></body></html>',
      },
      '/rss': { type: 'application/rss+xml', body: rssOf(['http://feedy.test/2024/01/03/from-the-feed']) },
    },
    'empty.test': { '/': { body: '<html><body><a href="/about">About</a></body></html>' } },
  });
  harness = await startHarness({ FETCH_ALLOW_PRIVATE: 'links.test,feedy.test,empty.test,elsewhere.test' });
});
after(async () => {
  await harness.close();
  await server.close();
});

const fetchJob = (url: string) => harness.stage.queues.fetch.getJob(`fetch-${identityOf(url).docId}`);

void test('a site with only a home page: its article links are fetched, its home and section pages polled', async () => {
  const home = server.url('links.test', '/');
  assert.equal((await harness.waitFor(await harness.submit(home, { depth: 0 }, undefined, 'site'))).state, 'completed');
  for (const path of ARTICLES) assert.ok(await fetchJob(server.url('links.test', path)), `article ${path} queued`);
  for (const path of NOT_ARTICLES)
    assert.equal(await fetchJob(server.url('links.test', path)), undefined, `${path} is not an article`);
  assert.equal(
    await fetchJob('http://elsewhere.test/2024/05/06/another-sites-story-here'),
    undefined,
    'other sites are not followed',
  );
  const sources = await harness.deps.schedule.list('active');
  assert.deepEqual(
    sources
      .filter((source) => source.kind === 'section')
      .map((source) => source.url)
      .sort(),
    [home, server.url('links.test', '/politics'), server.url('links.test', '/sport')]
      .map((url) => identityOf(url).url)
      .sort(),
  );
  assert.ok(
    server.hits.includes('links.test /feed') && server.hits.includes('links.test /sitemap.xml'),
    'common paths were probed',
  );
});

void test('a site announcing a feed with <link rel="alternate"> is read through the feed', async () => {
  const home = server.url('feedy.test', '/');
  assert.equal((await harness.waitFor(await harness.submit(home, { depth: 0 }, undefined, 'site'))).state, 'completed');
  await waitFor(
    'the feed article',
    async () => (await fetchJob('http://feedy.test/2024/01/03/from-the-feed')) ?? undefined,
    15_000,
  );
  const sources = await harness.deps.schedule.list('active');
  assert.deepEqual(
    sources.filter((source) => source.url.startsWith('http://feedy.test')).map((source) => [source.kind, source.url]),
    [['feed', identityOf(server.url('feedy.test', '/rss')).url]],
  );
  assert.equal(
    await fetchJob(server.url('feedy.test', '/2024/01/02/some-story-slug-here')),
    undefined,
    'the feed, not page links',
  );
  assert.ok(!server.hits.includes('feedy.test /feed'), 'no probing once a feed is announced');
});

void test('a site with nothing to read fails once as nothing-found', async () => {
  const outcome = await harness.waitFor(
    await harness.submit(server.url('empty.test', '/'), { depth: 0 }, undefined, 'site'),
  );
  assert.equal(outcome.state, 'failed');
  assert.match(outcome.failedReason ?? '', /^nothing-found: /);
});
