// Crashes and outages lose nothing: workers killed mid-run, and Redis cut off behind a fault proxy,
// still end with every submitted URL indexed and no failed job.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createEsClient, indexNames } from '@newsflow/search';
import { loadSeedArticles, renderArticlePage } from '@newsflow/seeds';
import type { SeedArticle } from '@newsflow/seeds';
import { spawnPipeline, spawnService, startFaultProxy, stopProcesses, uniquePrefix, waitFor } from '@newsflow/testkit';
import { clearPrefix } from '@newsflow/testkit';
import { TEST_ELASTICSEARCH_URL, TEST_REDIS_URL } from '@newsflow/testkit';
import type { RunningPipeline } from '@newsflow/testkit';
import { queueKey } from '@newsflow/runtime';

const PAGES = 24;
const es = createEsClient(TEST_ELASTICSEARCH_URL);
const redis = new Redis(TEST_REDIS_URL);
let site: { server: Server; urls: string[] };

before(async () => {
  site = await startArticleSite(PAGES);
});

after(async () => {
  await new Promise((resolve) => site.server.close(resolve));
  await es.close();
  redis.disconnect();
});

/** Distinct articles built from the seed's paragraphs, so the cleaner sees real prose. */
async function startArticleSite(count: number): Promise<{ server: Server; urls: string[] }> {
  const [seed] = loadSeedArticles();
  assert.ok(seed);
  const articles = Array.from({ length: count }, (_, i): SeedArticle => {
    const paragraphs = [
      `Reporters counted ${i * 37 + 11} delegations on day ${i + 1} of the talks.`,
      ...seed.paragraphs.slice(i % 5, (i % 5) + 8),
    ];
    return {
      ...seed,
      slug: `story/${i}`,
      title: `${seed.title} (update ${i + 1})`,
      paragraphs,
      blocks: paragraphs.map((text) => ({ kind: 'paragraph', text })),
    };
  });
  const server = createServer((request, response) => {
    const article = articles[Number(/^\/story\/(\d+)$/.exec(request.url ?? '')?.[1] ?? -1)];
    response.writeHead(article ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(article ? renderArticlePage(article, []) : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, urls: articles.map((article) => `http://127.0.0.1:${port}/${article.slug}`) };
}

function pipelineEnv(prefix: string, redisUrl: string): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    ELASTICSEARCH_URL: TEST_ELASTICSEARCH_URL,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_INDEX_PREFIX: prefix,
    FETCH_ALLOW_PRIVATE: '127.0.0.1',
    FETCH_HOST_DELAY_MS: '50',
    FETCH_HOST_CONCURRENCY: '4',
    // Short locks so jobs of a killed worker come back within seconds rather than the default 30 s.
    WORKER_LOCK_DURATION_MS: '4000',
    WORKER_STALLED_INTERVAL_MS: '2000',
    LOG_LEVEL: 'error',
  };
}

async function indexedCount(prefix: string): Promise<number> {
  const alias = indexNames(prefix).readAlias;
  await es.indices.refresh({ index: alias });
  return (await es.count({ index: alias })).count;
}

async function failedReasons(prefix: string): Promise<string[]> {
  const reasons: string[] = [];
  for (const queue of ['fetch', 'clean', 'dedupe', 'index']) {
    for (const id of await redis.zrange(queueKey(prefix, queue, 'failed'), 0, -1)) {
      reasons.push(`${queue}/${id}: ${(await redis.hget(queueKey(prefix, queue, id), 'failedReason')) ?? '?'}`);
    }
  }
  return reasons;
}

/** Every submitted page ends indexed, and no job of any stage failed on the way. */
async function assertEverythingIndexed(prefix: string): Promise<void> {
  const count = await waitFor(
    `all ${PAGES} documents`,
    async () => {
      const indexed = await indexedCount(prefix);
      return indexed >= PAGES ? indexed : undefined;
    },
    90_000,
    500,
  );
  assert.equal(count, PAGES);
  assert.deepEqual(await failedReasons(prefix), [], 'no job failed');
}

async function submit(pipeline: RunningPipeline, urls: string[]): Promise<void> {
  const response = await fetch(`${pipeline.apiUrl}/api/urls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(urls),
  });
  assert.equal(response.status, 202);
}

async function cleanUp(prefix: string): Promise<void> {
  await es.indices.delete({ index: `${prefix}-v*` }).catch(() => undefined);
  await es.indices.deleteIndexTemplate({ name: indexNames(prefix).templateName }).catch(() => undefined);
  await clearPrefix(redis, prefix);
}

describe('resilience', () => {
  test('workers killed mid-run (SIGKILL) and restarted: every URL still ends indexed', async () => {
    const prefix = uniquePrefix('crash');
    const env = pipelineEnv(prefix, TEST_REDIS_URL);
    const pipeline = await spawnPipeline({ env });
    const replacements = [];
    try {
      await submit(pipeline, site.urls);
      const atKill = await waitFor(
        'the first documents',
        async () => {
          const indexed = await indexedCount(prefix).catch(() => 0);
          return indexed >= 2 ? indexed : undefined;
        },
        60_000,
      );
      assert.ok(atKill < PAGES, `work was still in flight when the workers were killed (${atKill}/${PAGES} indexed)`);
      for (const service of ['fetcher', 'cleaner', 'dedupe'] as const) {
        pipeline.processes.get(service)?.kill('SIGKILL');
        replacements.push(spawnService(service, { ...process.env, ...env }));
      }
      await assertEverythingIndexed(prefix);
    } finally {
      await stopProcesses(replacements);
      await pipeline.stop();
      await cleanUp(prefix);
    }
  });

  test('Redis cut off for a few seconds mid-run: workers reconnect and nothing is lost', async () => {
    const prefix = uniquePrefix('outage');
    const proxy = await startFaultProxy(TEST_REDIS_URL);
    const pipeline = await spawnPipeline({ env: pipelineEnv(prefix, proxy.url) });
    try {
      await submit(pipeline, site.urls);
      await waitFor(
        'the first documents',
        async () => ((await indexedCount(prefix).catch(() => 0)) >= 2 ? true : undefined),
        60_000,
      );
      proxy.setMode('refuse');
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      proxy.setMode('pass');
      await assertEverythingIndexed(prefix);
    } finally {
      await pipeline.stop();
      await proxy.close();
      await cleanUp(prefix);
    }
  });
});
