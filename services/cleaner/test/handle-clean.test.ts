// The clean stage against real Redis: a seed page in, a valid dedupe job out, the raw page gone;
// non-articles fail with their reason; a replay adds no second job.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DedupeJobSchema, StageError, docIdFor, normalizeUrl } from '@newsflow/contracts';
import type { Article, CleanJob } from '@newsflow/contracts';
import { putRaw, readArticle } from '@newsflow/runtime';
import { loadSeedArticles, renderArticlePage } from '@newsflow/seeds';
import { handOnce, useTestQueues } from '@newsflow/testkit';
import { createCleanStage } from '../src/handle-clean.ts';
import { storeCleanJob } from './support/clean-job.ts';

const { redis, prefix, queues } = useTestQueues('clean');

function cleanJobFor(url: string, html: string): Promise<CleanJob> {
  return storeCleanJob(redis, prefix, url, html);
}

/** The article a queued dedupe job names, read back from Redis where the cleaner stored it. */
async function queuedArticle(data: unknown): Promise<Article> {
  const { articleKey } = DedupeJobSchema.parse(data);
  assert.ok(articleKey, 'the dedupe job names its article');
  return readArticle(redis, articleKey);
}

describe('clean stage', () => {
  const handle = (job: CleanJob): Promise<unknown> =>
    handOnce(createCleanStage(redis, queues.dedupe), 'clean', job, queues);

  test('a seed page becomes one valid dedupe job and its raw page is deleted', async () => {
    const [seed, other] = loadSeedArticles();
    assert.ok(seed && other);
    const job = await cleanJobFor('https://www.example-news.com/world/kremlin', renderArticlePage(seed, [other]));
    await handle(job);
    const queued = await queues.dedupe.getJob(`dedupe-${job.docId}`);
    assert.ok(queued, 'dedupe job enqueued under its deterministic id');
    const payload = DedupeJobSchema.parse(queued.data);
    assert.equal(payload.article, undefined, 'the article travels by reference, not in the job');
    const article = await queuedArticle(queued.data);
    assert.equal(article.title, seed.title);
    assert.equal(article.body, seed.paragraphs.join('\n\n'));
    assert.equal(payload.domain, 'example-news.com');
    assert.equal(await redis.exists(job.rawKey), 0, 'raw page removed once cleaned');
  });

  test('a replay of the same clean job adds no second dedupe job, with or without its raw page', async () => {
    const [seed, other] = loadSeedArticles();
    assert.ok(seed && other);
    const job = await cleanJobFor('https://www.example-news.com/world/replayed', renderArticlePage(seed, [other]));
    await handle(job);
    await handle(job);
    await putRaw(redis, job.rawKey, new TextEncoder().encode(renderArticlePage(seed, [other])));
    await handle(job);
    const waiting = await queues.dedupe.getJobs(['waiting']);
    assert.equal(waiting.filter((queued) => queued.id === `dedupe-${job.docId}`).length, 1);
  });

  test('an expired raw page is fetched again, once per clean job', async () => {
    const missing = await cleanJobFor('https://example.com/expired', '<p>x</p>');
    await redis.del(missing.rawKey);
    await handle(missing);
    await handle(missing);
    const refetches = (await queues.fetch.getJobs(['waiting'])).filter((job) =>
      job.id?.startsWith(`fetch-${missing.docId}-refetch-`),
    );
    assert.equal(refetches.length, 1);
    assert.equal(refetches[0]?.data.url, missing.url);
  });

  test('a page with no article fails with its reason and its raw page is deleted', async () => {
    const empty = await cleanJobFor(
      'https://example.com/empty',
      '<html><body><nav><a href="/">Home</a></nav></body></html>',
    );
    await assert.rejects(
      handle(empty),
      (error: unknown) => error instanceof StageError && error.reason === 'not-an-article',
    );
    assert.equal(await redis.exists(empty.rawKey), 0);
  });

  test('a canonical link travels to dedupe with the article and leaves nothing in Redis that names it', async () => {
    const [seed, other] = loadSeedArticles();
    assert.ok(seed && other);
    const canonical = 'https://own.example/world/a';
    const html = renderArticlePage(seed, [other]).replace('<head>', `<head><link rel="canonical" href="${canonical}">`);
    const job = await cleanJobFor('https://own.example/world/a/amp', html);
    await handle(job);
    const queued = await queues.dedupe.getJob(`dedupe-${job.docId}`);
    // Dedupe folds copies that share a canonical URL; that is the link's one use.
    assert.equal((await queuedArticle(queued?.data)).canonicalUrl, canonical);
    // A page's claim about another URL must never mark that URL as known (it would not be fetched).
    const claimed = docIdFor(normalizeUrl(canonical));
    assert.deepEqual(await keysNaming(claimed), [], 'no key names the canonical URL');
  });
});

async function keysNaming(docId: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>)
    found.push(...keys.filter((key) => key.includes(docId)));
  return found;
}
