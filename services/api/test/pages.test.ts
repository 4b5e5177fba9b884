// The server-rendered pages: results grouped by story, strict CSP, and article text always escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, renderHighlight } from '@newsflow/api';
import { articleDocument, seedStoryDocuments, testStackWith } from '@newsflow/api/testing';
import { failFetchJob } from './helpers.ts';

const hostile = articleDocument('https://evil.example/post', {
  title: 'Breaking <script>window.pwned=1</script> & "quotes"',
  siteName: '<img src=x onerror=alert(1)>',
  body: 'A body with <b>tags</b> and the word zebra.',
  publishedAt: '2021-12-07T10:00:00Z',
  clusterId: 'story-hostile',
  relatedClusters: ['story-seed', '<b>odd</b>'],
  url: 'https://evil.example/post',
});

const { stack, get } = testStackWith([...seedStoryDocuments('story-seed'), hostile]);

test('the search page groups the two seed copies into one story with a strict CSP', async () => {
  const response = await get('/?q=Kremlin');
  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] as string, /text\/html/);
  assert.match(response.headers['content-security-policy'] as string, /script-src 'self'/);
  assert.doesNotMatch(response.headers['content-security-policy'] as string, /unsafe-inline/);
  assert.equal(response.body.match(/<li class="story"/g)?.length, 1);
  assert.match(response.body, /1 more copy of this story/);
  assert.match(response.body, /Voice of America/);
  assert.match(response.body, /Cambodian Times/);
  assert.match(response.body, /<mark>Kremlin<\/mark>/);
  assert.match(response.body, /href="\/stories\/story-seed"/);
});

test('hostile article text is escaped on the search and story pages', async () => {
  for (const url of ['/?q=zebra', '/stories/story-hostile']) {
    const page = (await get(url)).body;
    assert.doesNotMatch(page, /<script>window/, url);
    assert.doesNotMatch(page, /<img src=x/, url);
    assert.match(page, /&lt;script&gt;window\.pwned=1&lt;\/script&gt;/, url);
  }
  assert.match((await get('/?q=zebra')).body, /&lt;b&gt;tags&lt;\/b&gt;/);
});

test('the story page shows the articles on a timeline, oldest first; unknown stories are 404', async () => {
  const page = (await get('/stories/story-seed')).body;
  assert.equal(page.match(/<li class="entry"/g)?.length, 2);
  const timeline = page.slice(page.indexOf('<ol class="timeline">'));
  const times = [...timeline.matchAll(/<time datetime="([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual(times, [...times].sort());
  assert.equal((await get('/stories/none')).statusCode, 404);
});

test('filters narrow the results: outlet domain, dates and paywall', async () => {
  assert.match((await get('/?q=Kremlin&domain=voanews.com')).body, /1 story, 1 article</);
  assert.match((await get('/?from=2021-12-07&to=2021-12-31')).body, /1 story, 1 article</);
  const noPaywall = (await get('/?q=Kremlin&flags=-paywall')).body;
  assert.match(noPaywall, /<option value="-paywall" selected>/);
  assert.match(noPaywall, /1 story, 2 articles</);
  assert.match((await get('/?q=Kremlin&flags=paywall')).body, /No articles match/);
});

test('bad filters show a message instead of failing; assets are served', async () => {
  const response = await get('/?from=not-a-date');
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /class="problem"/);
  assert.match((await get('/assets/app.js')).headers['content-type'] as string, /javascript/);
  assert.match((await get('/assets/app.css')).headers['content-type'] as string, /text\/css/);
});

test('renderHighlight keeps only its own <mark> markers as markup', () => {
  assert.equal(renderHighlight('<mark>Kremlin</mark> &lt;script&gt;').value, '<mark>Kremlin</mark> &lt;script&gt;');
  assert.equal(
    renderHighlight('<script>x</script> <mark>a</mark>').value,
    '&lt;script&gt;x&lt;/script&gt; <mark>a</mark>',
  );
  assert.equal(renderHighlight('<mark>open').value, '<mark>open</mark>');
  assert.equal(renderHighlight('a</mark>b').value, 'ab');
  assert.equal(renderHighlight('<MARK onclick=x>y').value, '&lt;MARK onclick=x&gt;y');
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
});

test('the article page shows the path through the stages, and failures with their reason', async () => {
  const seed = seedStoryDocuments('story-seed')[0];
  assert.ok(seed);
  const page = (await get(`/articles/${seed.docId}`)).body;
  assert.match(page, /<strong>fetched<\/strong>/);
  assert.match(page, /<strong>indexed<\/strong>/);
  assert.match(page, /href="\/stories\/story-seed"/);
  const docId = 'e'.repeat(32);
  await failFetchJob(stack(), docId, 'http-4xx: 404 <b>Not Found</b>');
  const failed = await get(`/articles/${docId}`);
  assert.equal(failed.statusCode, 200);
  assert.match(failed.body, /fetch failed<\/strong> <span class="reason">http-4xx<\/span>/);
  assert.match(failed.body, /&lt;b&gt;Not Found&lt;\/b&gt;/);
  assert.equal((await get(`/articles/${'1'.repeat(32)}`)).statusCode, 404);
});

test('the article page names the clusters it also quotes, linked and escaped', async () => {
  const page = (await get(`/articles/${hostile.docId}`)).body;
  assert.match(
    page,
    /also quotes <a href="\/stories\/story-seed">story-seed<\/a>, <a href="\/stories\/%3Cb%3Eodd%3C%2Fb%3E">&lt;b&gt;odd&lt;\/b&gt;<\/a>/,
  );
  const plain = (await get(`/articles/${seedStoryDocuments('story-seed')[0]!.docId}`)).body;
  assert.doesNotMatch(plain, /also quotes/);
});

test('a search parameter given twice counts once instead of failing the page', async () => {
  const response = await get('/?q=Kremlin&q=Putin');
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /Kremlin/);
});

test('without credentials, a request naming a non-loopback Host (DNS rebinding) is refused', async () => {
  const rebound = await stack().app.inject({
    method: 'POST',
    url: '/api/urls',
    headers: {
      host: 'rebind.attacker.example:8080',
      origin: 'http://rebind.attacker.example:8080',
      'content-type': 'application/json',
    },
    payload: '["https://example.com/a"]',
  });
  assert.equal(rebound.statusCode, 421);
  assert.equal(await stack().queues.fetch.count(), 0, 'nothing enqueued');
  for (const host of ['127.0.0.1:8080', 'localhost', '[::1]:8080'])
    assert.notEqual(
      (await stack().app.inject({ method: 'GET', url: '/api/stats', headers: { host } })).statusCode,
      421,
      host,
    );
});
