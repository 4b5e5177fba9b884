// Feeds, sitemaps (one-off and scheduled), reindex and the OpenAPI document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { splitUpsertPayload } from '@newsflow/contracts';
import type { Queue } from 'bullmq';
import { seedStoryDocuments, startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { waitFor } from '@newsflow/testkit';
import { json, queued } from './helpers.ts';

let stack: TestStack;
before(async () => {
  stack = await startTestStack();
});
after(() => stack.close());

const post = (url: string, payload: unknown) => stack.app.inject({ method: 'POST', url, payload: payload as object });

test('POST /api/feeds once enqueues one discovery fetch job', async () => {
  const before = await queued(stack, 'fetch');
  const response = await post('/api/feeds', { url: 'https://example.com/rss.xml' });
  assert.equal(response.statusCode, 202);
  assert.deepEqual(json(response.body), { kind: 'feed', url: 'https://example.com/rss.xml', scheduled: false });
  assert.equal(await queued(stack, 'fetch'), before + 1);
  const [job] = await stack.queues.fetch.getWaiting(0, 0);
  assert.equal(job?.name, 'feed');
});

test('POST /api/sitemaps with everyMinutes installs a job scheduler', async () => {
  const response = await post('/api/sitemaps', { url: 'https://example.com/sitemap.xml', everyMinutes: 30 });
  assert.equal(response.statusCode, 202);
  const receipt = json(response.body) as { scheduled: boolean; everyMinutes: number; jobId: string };
  assert.equal(receipt.scheduled, true);
  assert.equal(receipt.everyMinutes, 30);
  const schedulers = await (stack.queues.fetch as Queue).getJobSchedulers();
  assert.ok(schedulers.some((scheduler) => scheduler.key === receipt.jobId && scheduler.every === 30 * 60_000));
});

test('feeds and sitemaps refuse bad URLs and intervals with 400, enqueueing nothing', async () => {
  const before = await queued(stack, 'fetch');
  for (const [path, body, pattern] of [
    ['/api/feeds', { url: 'https://u:p@example.com/rss' }, /credentials/],
    ['/api/feeds', { url: 'gopher://example.com/rss' }, /unsupported scheme/],
    ['/api/sitemaps', { url: 'https://example.com/s.xml', everyMinutes: 1 }, /everyMinutes/],
    ['/api/sitemaps', {}, /url/],
  ] as const) {
    const response = await post(path, body);
    assert.equal(response.statusCode, 400, JSON.stringify(body));
    assert.match(json(response.body).message as string, pattern);
  }
  assert.equal(await queued(stack, 'fetch'), before);
});

test('POST /api/resend sends those documents back through the index stage', async () => {
  const seeds = seedStoryDocuments();
  await stack.indexDocuments(seeds);
  const response = await post('/api/resend', { docIds: seeds.map((seed) => seed.docId) });
  assert.equal(response.statusCode, 202);
  assert.deepEqual(json(response.body), { queued: 2, skipped: 0 });
  const jobs = await stack.queues.index.getWaiting();
  assert.equal(jobs.length, 1, 'one upsert job carries the page');
  assert.ok(
    jobs.every(
      (job) => job.data.kind === 'upsert' && job.data.documents.length === 2 && String(job.id).includes('-resend-'),
    ),
  );
  // At the version stored (which merges move past the fetch time), so Elasticsearch accepts the rewrite.
  const stored = await stack.elasticsearch.mget({ index: stack.names.readAlias, ids: seeds.map((seed) => seed.docId) });
  const storedVersions = new Map(
    stored.docs.map((doc) => [doc._id, 'found' in doc && doc.found ? doc._version : undefined]),
  );
  const data = jobs[0]!.data;
  assert.ok(data.kind === 'upsert');
  for (const ref of data.documents) assert.equal(ref.version, storedVersions.get(ref.docId));
  const payload = splitUpsertPayload((await stack.redis.getBuffer(data.payload)) ?? Buffer.alloc(0));
  assert.deepEqual(
    payload.map((line) => (JSON.parse(line.toString()) as { title: string }).title).sort(),
    seeds.map((seed) => seed.title).sort(),
  );
  assert.equal((await post('/api/resend', { docIds: ['../etc'] })).statusCode, 400);
  assert.equal(
    (await post('/api/reindex', { docIds: [seeds[0]!.docId] })).statusCode,
    400,
    'reindex copies everything',
  );
});

test('POST /api/reindex without docIds moves the index to a new version in the background', async () => {
  const started = await post('/api/reindex', {});
  assert.equal(started.statusCode, 202);
  assert.equal(json(started.body).status, 'running');
  assert.equal((await post('/api/reindex', {})).statusCode, 409);
  const state = await waitFor(
    'the reindex to finish',
    async () => {
      const current = json((await stack.app.inject({ method: 'GET', url: '/api/reindex' })).body) as {
        status: string;
        result?: { from: string; to: string; copied: number };
      };
      return current.status === 'running' ? undefined : current;
    },
    20_000,
    100,
  );
  assert.equal(state.status, 'done');
  const version = (index = '') => Number(/-v(\d+)$/.exec(index)?.[1]);
  assert.equal(version(state.result?.to), version(state.result?.from) + 1, 'the next index version');
  assert.equal(state.result?.copied, 2);
  const search = json((await stack.app.inject({ method: 'GET', url: '/api/search?q=Kremlin' })).body) as {
    total: number;
  };
  assert.equal(search.total, 2);
});

test('GET /openapi.json documents every route with its schemas', async () => {
  const response = await stack.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(response.statusCode, 200);
  const document = json(response.body) as {
    openapi: string;
    paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
  };
  assert.equal(document.openapi, '3.1.0');
  for (const path of [
    '/api/urls',
    '/api/feeds',
    '/api/sitemaps',
    '/api/search',
    '/api/stories/{id}',
    '/api/articles/{id}',
    '/api/failed',
    '/api/failed/retry',
    '/api/stats',
    '/api/reindex',
    '/api/resend',
    '/healthz',
    '/readyz',
    '/metrics',
  ]) {
    assert.ok(document.paths[path], path);
  }
  assert.ok(document.paths['/api/search']?.get?.parameters?.length);
  assert.ok(document.paths['/api/urls']?.post?.requestBody);
});

test('unknown routes are a 404 JSON error', async () => {
  const response = await stack.app.inject({ method: 'GET', url: '/api/nothing' });
  assert.equal(response.statusCode, 404);
  assert.match(json(response.body).message as string, /no route for GET \/api\/nothing/);
});
