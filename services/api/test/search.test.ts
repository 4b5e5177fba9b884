// GET /api/search, /api/stories/:id and /api/articles/:id against a real Elasticsearch test index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleDocument, seedStoryDocuments, testStackWith } from '@newsflow/api/testing';
import { jobIdFor, jobIds } from '@newsflow/contracts';
import { failFetchJob, json } from './helpers.ts';
import { enqueueUpsert } from '@newsflow/runtime';

const seeds = seedStoryDocuments('story-kremlin');
const other = articleDocument('https://www.example-news.com/markets/rally', {
  title: 'Markets rally as inflation cools',
  siteName: 'Example News',
  publishedAt: '2021-12-06T09:00:00Z',
  body: 'Stocks rose on Monday.',
  clusterId: 'story-markets',
});

const { stack, get } = testStackWith([...seeds, other]);

test('search collapses the two seed copies into one story with the other as a folded copy', async () => {
  const response = await get('/api/search?q=Kremlin%20Biden%20Putin');
  assert.equal(response.statusCode, 200);
  const body = json(response.body) as {
    total: number;
    totalGroups: number;
    groups: Array<{ clusterId: string; top: { highlight: { title?: string } }; copies: unknown[] }>;
  };
  assert.equal(body.total, 2);
  assert.equal(body.totalGroups, 1);
  assert.equal(body.groups[0]?.clusterId, 'story-kremlin');
  assert.equal(body.groups[0]?.copies.length, 1);
  assert.match(body.groups[0]?.top.highlight.title ?? '', /<mark>Kremlin<\/mark>/);
});

test('filters and pagination: domain, date range, page size; collapse=none lists every copy', async () => {
  const byDomain = json((await get('/api/search?domain=example-news.com')).body) as { total: number };
  assert.equal(byDomain.total, 1);
  const byDate = json((await get('/api/search?from=2021-12-06&to=2021-12-07')).body) as {
    groups: Array<{ clusterId: string }>;
  };
  assert.deepEqual(
    byDate.groups.map((group) => group.clusterId),
    ['story-markets'],
  );
  const paged = json((await get('/api/search?size=1&page=2')).body) as {
    page: number;
    size: number;
    groups: unknown[];
    totalGroups: number;
  };
  assert.equal(paged.page, 2);
  assert.equal(paged.groups.length, 1);
  assert.equal(paged.totalGroups, 2);
  const flat = json((await get('/api/search?q=Kremlin&collapse=none')).body) as { groups: unknown[] };
  assert.equal(flat.groups.length, 2);
});

test('bad search parameters are 400 with the problem named', async () => {
  const size = await get('/api/search?size=1000');
  assert.equal(size.statusCode, 400);
  assert.match(json(size.body).message as string, /size/);
  const date = await get('/api/search?from=yesterday');
  assert.equal(date.statusCode, 400);
  assert.match(json(date.body).message as string, /from/);
  const unknown = await get('/api/search?sort=asc');
  assert.equal(unknown.statusCode, 400);
});

test('a story lists its articles oldest first; an unknown story is 404', async () => {
  const response = await get('/api/stories/story-kremlin');
  assert.equal(response.statusCode, 200);
  const story = json(response.body) as { total: number; articles: Array<{ article: { publishedAt: string } }> };
  assert.equal(story.total, 2);
  const times = story.articles.map((hit) => hit.article.publishedAt);
  assert.deepEqual(times, [...times].sort());
  assert.equal((await get('/api/stories/no-such-story')).statusCode, 404);
  assert.equal((await get('/api/stories/bad%20id%3Cscript%3E')).statusCode, 400);
});

test('an article comes with its path through the stages, read from the jobs by deterministic id', async () => {
  const seed = seeds[0];
  assert.ok(seed);
  await stack().queues.fetch.add(
    'fetch',
    { url: seed.url, docId: seed.docId, submittedAt: seed.submittedAt, source: { kind: 'api' } },
    { jobId: jobIdFor('fetch', seed.docId) },
  );
  const response = await get(`/api/articles/${seed.docId}`);
  assert.equal(response.statusCode, 200);
  const body = json(response.body) as {
    article: { title: string };
    path: { indexedAt?: string; clusterId?: string; steps: Array<{ stage: string; state: string }> };
  };
  assert.equal(body.article.title, seed.title);
  assert.equal(body.path.clusterId, 'story-kremlin');
  assert.ok(body.path.indexedAt);
  assert.deepEqual(
    body.path.steps.map((step) => `${step.stage}:${step.state}`),
    ['fetch:waiting', 'clean:gone', 'dedupe:gone', 'index:gone'],
  );
  // Sent alone to the index stage, the document's index job is found by its id (docId and version).
  await enqueueUpsert(stack().queues.index, stack().redis, [seed]);
  const again = json((await get(`/api/articles/${seed.docId}`)).body) as typeof body;
  assert.deepEqual(
    again.path.steps.map((step) => `${step.stage}:${step.state}`),
    ['fetch:waiting', 'clean:gone', 'dedupe:gone', 'index:waiting'],
  );
});

test('a document not in the index still shows its own index job, found through its dedupe job', async () => {
  const document = articleDocument(`https://example.net/refused-${Date.now()}`);
  const { docId, domain, finalUrl, fetchedAt, submittedAt } = document;
  await stack().queues.dedupe.add(
    'dedupe',
    { docId, domain, finalUrl, fetchedAt, submittedAt, article: document },
    { jobId: jobIdFor('dedupe', docId) },
  );
  await enqueueUpsert(stack().queues.index, stack().redis, [document]);
  const body = json((await get(`/api/articles/${docId}`)).body) as {
    article: null;
    path: { steps: Array<{ stage: string; state: string }> };
  };
  assert.equal(body.article, null);
  assert.deepEqual(
    body.path.steps.map((step) => `${step.stage}:${step.state}`),
    ['fetch:gone', 'clean:gone', 'dedupe:waiting', 'index:waiting'],
  );
});

test("a rendered page's path runs from its shell's clean through render to the rendered page's clean", async () => {
  const stepsOf = async (docId: string) => {
    const body = json((await get(`/api/articles/${docId}`)).body) as {
      path: { steps: Array<{ stage: string; state: string; jobId: string; page?: string }> };
    };
    return body.path.steps.map((step) => `${step.stage}:${step.state}${step.page ? `:${step.page}` : ''}`);
  };
  const add = async (docId: string, shell: boolean) => {
    const url = `https://example.net/app-${docId}`;
    const at = {
      docId,
      url,
      finalUrl: url,
      fetchedAt: new Date().toISOString(),
      submittedAt: new Date().toISOString(),
    };
    const clean = { ...at, status: 200, redirects: [], rawKey: `raw:${docId}` };
    if (shell) await stack().queues.clean.add('clean', clean, { jobId: jobIds.clean({ docId }) });
    await stack().queues.render.add('render', at, { jobId: jobIds.render({ docId }) });
    await stack().queues.clean.add(
      'clean',
      { ...clean, rendered: true },
      { jobId: jobIds.clean({ docId, rendered: true }) },
    );
  };
  const fromRender = ['render:waiting', 'clean:waiting:rendered', 'dedupe:gone', 'index:gone'];
  await add('d'.repeat(32), true);
  assert.deepEqual(await stepsOf('d'.repeat(32)), ['fetch:gone', 'clean:waiting:shell', ...fromRender]);
  // An always-render host's page went from fetch straight to render: no shell clean on its path.
  await add('b'.repeat(32), false);
  assert.deepEqual(await stepsOf('b'.repeat(32)), ['fetch:gone', ...fromRender]);
});

test('an article known only to the queues is reported with its failure; an unknown one is 404', async () => {
  const docId = 'f'.repeat(32);
  await failFetchJob(stack(), docId, 'http-4xx: 404 Not Found');
  const response = await get(`/api/articles/${docId}`);
  assert.equal(response.statusCode, 200);
  const body = json(response.body) as {
    article: null;
    path: { steps: Array<{ stage: string; state: string; failure?: { reason: string; message: string } }> };
  };
  assert.equal(body.article, null);
  assert.equal(body.path.steps[0]?.state, 'failed');
  assert.deepEqual(body.path.steps[0]?.failure, { reason: 'http-4xx', message: 'http-4xx: 404 Not Found' });
  assert.equal((await get(`/api/articles/${'0'.repeat(32)}`)).statusCode, 404);
});
