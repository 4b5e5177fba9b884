// The walking skeleton end to end: seed pages served over real HTTP, the four workers and the API
// as separate processes, real Redis and Elasticsearch; the result is read back from Elasticsearch.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { QUEUE_NAMES } from '@newsflow/contracts';
import { closeQueues, createQueues, queueKey } from '@newsflow/runtime';
import type { StageQueues } from '@newsflow/runtime';
import { startSeedSite } from '@newsflow/seeds';
import { waitFor, TEST_REDIS_URL } from '@newsflow/testkit';
import { useSitePipeline } from './support/site-pipeline.ts';

const CHROME = [
  'Accessibility links',
  'Breaking News',
  'Share on Facebook',
  'Share on Twitter',
  'Skip to main content',
  'Sign up for our newsletter',
  'All rights reserved',
  'FILE - U.S. President Joe Biden',
];

interface Hit {
  _id: string;
  _source: { title: string; body: string; clusterId: string; publishedAt?: string; siteName?: string };
}

describe('pipeline end to end on the seed site', () => {
  const run = useSitePipeline('e2e', startSeedSite);
  const { prefix, names, es } = run;

  const searchAll = async (): Promise<Hit[]> => {
    await es.indices.refresh({ index: names.readAlias });
    const result = await es.search({ index: names.readAlias, size: 20, query: { match_all: {} } });
    return result.hits.hits as unknown as Hit[];
  };

  test('both seed URLs end as two clean documents in one cluster', async () => {
    const response = await post(
      `${run.pipeline.apiUrl}/api/urls`,
      run.site.articles.map((article) => article.url),
    );
    assert.equal(response.status, 202);
    const hits = await waitFor(
      'two indexed seed documents',
      async () => {
        const found = await searchAll().catch(() => []);
        return found.length >= 2 ? found : undefined;
      },
      120_000,
      500,
    );
    assert.equal(hits.length, 2);
    assert.equal(new Set(hits.map((hit) => hit._source.clusterId)).size, 1, 'one cluster for the two copies');
    for (const hit of hits) {
      const seed = run.site.articles.find((article) => hit._source.siteName === article.siteName);
      assert.ok(seed, `document ${hit._id} comes from a seed page`);
      assert.equal(hit._source.title, 'Kremlin Says Biden and Putin to Discuss Ukraine Crisis Next Week');
      for (const chrome of CHROME)
        assert.ok(
          !hit._source.body.includes(chrome),
          `body of ${seed.siteName} contains chrome ${JSON.stringify(chrome)}`,
        );
      assert.equal(hit._source.publishedAt?.slice(0, 10), '2021-12-04');
      for (const paragraph of seed.paragraphs)
        assert.ok(hit._source.body.includes(paragraph), `body keeps: ${paragraph.slice(0, 60)}`);
    }
  });

  test('dropping the same URLs again changes nothing', async () => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queues = createQueues(redis, prefix);
    try {
      // Settled first: no job of the first drop still waiting or running.
      const before = await waitFor('the pipeline to settle', async () => {
        const state = await pipelineState(queues);
        return state.busy === 0 ? state : undefined;
      });
      const response = await post(
        `${run.pipeline.apiUrl}/api/urls`,
        run.site.articles.map((article) => article.url),
      );
      assert.equal(response.status, 202);
      // Every id already exists: no job is added or rerun, and the documents keep their versions.
      assert.deepEqual(await pipelineState(queues), before);
    } finally {
      await closeQueues(queues);
      redis.disconnect();
    }
  });

  /** Job counts by queue and state, and each indexed document's Elasticsearch version. */
  async function pipelineState(queues: StageQueues) {
    const counts = await Promise.all(
      QUEUE_NAMES.map(async (name) => [name, await queues[name].getJobCounts()] as const),
    );
    const busy = counts.reduce((sum, [, count]) => sum + (count.waiting ?? 0) + (count.active ?? 0), 0);
    await es.indices.refresh({ index: names.readAlias });
    const result = await es.search({ index: names.readAlias, size: 20, version: true, query: { match_all: {} } });
    const versions = Object.fromEntries(result.hits.hits.map((hit) => [hit._id, hit._version]));
    return { counts: Object.fromEntries(counts), versions, busy };
  }

  test('bad input is refused with 400 and nothing is enqueued', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const before = await redis.zcard(queueKey(prefix, 'fetch', 'completed'));
      for (const body of [['not a url'], ['ftp://example.com/file'], []]) {
        const response = await post(`${run.pipeline.apiUrl}/api/urls`, body);
        assert.equal(response.status, 400, `status for ${JSON.stringify(body)}`);
        const payload = (await response.json()) as { message: string };
        assert.match(payload.message, /URL/i);
      }
      const waiting = await redis.llen(queueKey(prefix, 'fetch', 'wait'));
      assert.equal(waiting, 0);
      assert.equal(await redis.zcard(queueKey(prefix, 'fetch', 'completed')), before);
    } finally {
      redis.disconnect();
    }
  });
});

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
