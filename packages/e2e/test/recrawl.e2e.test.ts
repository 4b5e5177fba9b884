// Re-crawls end to end: the four workers and the API as processes, real Redis and Elasticsearch, a
// local site whose pages change between fetches. A page whose body changes gets a second version
// with the diff (and keeps its cluster and story); one whose only change is a timestamp line gets
// none; an unchanged page costs a 304 (the server saw the conditional header) and nothing is
// re-indexed; a page reached through a redirect is re-crawled at its target; and the schedule
// survives a kill -9 of the fetcher and its restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { identityOf, jobIds, redisKeys } from '@newsflow/contracts';
import type { ArticleVersion, EsArticle } from '@newsflow/contracts';
import { closeQueues, createQueues } from '@newsflow/runtime';
import type { StageQueues } from '@newsflow/runtime';
import { createEsClient, indexNames } from '@newsflow/search';
import type { IndexNames } from '@newsflow/search';
import {
  spawnPipeline,
  spawnService,
  stopProcesses,
  uniquePrefix,
  waitFor,
  TEST_ELASTICSEARCH_URL,
  TEST_REDIS_URL,
} from '@newsflow/testkit';
import type { RunningPipeline } from '@newsflow/testkit';
import { startChangingSite } from '../src/recrawl/changing-site.ts';
import type { ChangingSite, SeenRequest } from '../src/recrawl/changing-site.ts';

interface Indexed {
  version: number;
  source: EsArticle;
}

describe('re-crawl of indexed articles', () => {
  const prefix = uniquePrefix('recrawl');
  const names = indexNames(prefix);
  const keys = redisKeys(prefix);
  const es = createEsClient(TEST_ELASTICSEARCH_URL);
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const env = pipelineEnv(prefix);
  let site: ChangingSite;
  let pipeline: RunningPipeline;
  let fetcher: ChildProcess | undefined;
  let queues: StageQueues;
  const paths = { stable: '/stable/1', edited: '/edited/2', stamped: '/stamped/3', moved: '/moved/4' };
  const docIdOf = (path: string) => identityOf(site.url(path)).docId;
  const first = new Map<string, Indexed>();

  before(async () => {
    site = await startChangingSite();
    queues = createQueues(redis, prefix);
    pipeline = await spawnPipeline({ env, output: (service, line) => process.stderr.write(`[${service}] ${line}\n`) });
  });

  after(async () => {
    await pipeline?.stop();
    if (fetcher) await stopProcesses([fetcher]);
    await site?.close();
    await closeQueues(queues);
    await removeEverything(es, redis, prefix);
  });

  const indexed = (path: string) => readIndexed(es, names, docIdOf(path));

  test('the four pages are indexed once and scheduled; the schedule survives a kill -9 of the fetcher', async () => {
    const response = await fetch(`${pipeline.apiUrl}/api/urls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.values(paths).map((path) => site.url(path))),
    });
    assert.equal(response.status, 202);
    for (const path of Object.values(paths)) {
      const document = await waitFor(`${path} indexed`, () => indexed(path), 90_000, 300);
      first.set(path, document);
      assert.equal(document.source.version, undefined, 'a first fetch is version 1 (no field)');
    }
    await waitFor('four articles in the re-crawl schedule', async () =>
      (await redis.hlen(keys.recrawlEntries)) === 4 ? true : undefined,
    );
    // kill -9: no graceful close, then a new fetcher process on the same Redis.
    const killed = pipeline.processes.get('fetcher')!;
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.once('exit', resolve));
    assert.equal(await redis.hlen(keys.recrawlEntries), 4, 'the entries outlive the process');
    assert.equal(await redis.zcard(keys.recrawlDue), 4);
    const due = await redis.zrange(keys.recrawlDue, 0, -1, 'WITHSCORES');
    for (let i = 1; i < due.length; i += 2)
      assert.ok(Number(due[i]) > Date.parse(first.get(paths.stable)!.source.fetchedAt));
    fetcher = spawnService('fetcher', { ...process.env, ...env }, (service, line) =>
      process.stderr.write(`[${service}-2] ${line}\n`),
    );
  });

  test('a page whose body changed gets a second version with the diff, in the same cluster and story', async () => {
    const before = first.get(paths.edited)!;
    const after = await waitFor(
      'the edited page re-indexed as version 2',
      async () => {
        const document = await indexed(paths.edited);
        return document?.source.version === 2 ? document : undefined;
      },
      90_000,
      300,
    );
    assert.ok(site.seen(paths.edited).length >= 2, 'the page was fetched again');
    assert.ok(after.version > before.version, 'a newer external version (fetch time)');
    assert.equal(after.source.updatedAt, after.source.fetchedAt);
    assert.equal(after.source.clusterId, before.source.clusterId);
    assert.equal(after.source.storyId, before.source.storyId);
    assert.match(after.source.body, /Correction: an earlier version/);
    const changes = after.source.changes!;
    assert.deepEqual(
      [changes.titleChanged, changes.paragraphsAdded, changes.paragraphsChanged, changes.paragraphsRemoved],
      [false, 1, 1, 0],
    );
    assert.match(changes.summary, /1 paragraph added, 1 paragraph changed/);
    await assertHistoryKept(es, names, docIdOf(paths.edited), before.source, after.source);
    await assertVersionsShown(es, names, pipeline.apiUrl, docIdOf(paths.edited));
  });

  test('an unchanged page costs a 304 and nothing is re-cleaned or re-indexed', async () => {
    const requests = await fetchedAgain(site, paths.stable);
    assertConditionalRefetch(requests);
    const docId = docIdOf(paths.stable);
    await waitFor('the re-fetch job completed', async () => {
      const job = await queues.fetch.getJob(jobIds.fetch({ ...fetchOf(site.url(paths.stable), docId), recrawl: 1 }));
      return (await job?.isCompleted()) ? job : undefined;
    });
    assert.equal(await queues.clean.getJob(jobIds.clean({ docId, recrawl: 1 })), undefined, 'no clean job');
    assert.equal((await indexed(paths.stable))!.version, first.get(paths.stable)!.version, 'not re-indexed');
    await waitForMetric(pipeline.apiUrl, 'fetch', 'article-not-modified');
  });

  test('a page reached through a redirect is re-crawled where it was served from, conditionally', async () => {
    const served = await fetchedAgain(site, '/stable/4');
    assert.equal(site.seen(paths.moved).length, 1, 'the redirecting URL was asked once, by the first fetch');
    assertConditionalRefetch(served);
    assert.equal((await indexed(paths.moved))!.version, first.get(paths.moved)!.version, 'not re-indexed');
  });

  test('a page whose only change is its timestamp line gets no new version', async () => {
    const requests = await fetchedAgain(site, paths.stamped);
    assert.equal(requests[1]!.status, 200, 'the bytes changed, so the server answered in full');
    const docId = docIdOf(paths.stamped);
    await waitForRecrawlIndexed(queues, docId);
    const now = (await indexed(paths.stamped))!;
    assert.equal(now.version, first.get(paths.stamped)!.version, 'the indexed document was not rewritten');
    assert.equal(now.source.version, undefined);
    await es.indices.refresh({ index: names.history });
    const history = await es.count({ index: names.history, query: { term: { docId } } });
    assert.equal(history.count, 0);
    await waitForMetric(pipeline.apiUrl, 'index', 'recrawl-unchanged');
  });
});

type Es = ReturnType<typeof createEsClient>;

/** Version 1 kept in the history index, as it was indexed, with when it was replaced. */
async function assertHistoryKept(es: Es, names: IndexNames, docId: string, before: EsArticle, after: EsArticle) {
  await es.indices.refresh({ index: names.history });
  const history = await es.search<ArticleVersion>({
    index: names.history,
    query: { term: { docId: docId } },
  });
  assert.equal(history.hits.hits.length, 1);
  const v1 = history.hits.hits[0]!._source!;
  assert.equal(v1.version, 1);
  assert.equal(v1.body, before.body);
  assert.equal(v1.replacedAt, after.fetchedAt);
}

/** The versions API, the article page and the search page all show the second version. */
async function assertVersionsShown(es: Es, names: IndexNames, apiUrl: string, docId: string) {
  await es.indices.refresh({ index: names.readAlias }); // the API searches: what it reads must be refreshed
  const api = (await (await fetch(`${apiUrl}/api/articles/${docId}/versions`)).json()) as {
    versions: Array<{ version: number; changes?: { summary: string }; current?: boolean }>;
  };
  assert.deepEqual(
    api.versions.map((version) => [version.version, Boolean(version.current)]),
    [
      [1, false],
      [2, true],
    ],
  );
  const page = await (await fetch(`${apiUrl}/articles/${docId}`)).text();
  assert.match(page, /<h2 id="versions">Versions<\/h2>/);
  assert.match(page, /version 2<\/strong> \(current\) 1 paragraph added, 1 paragraph changed/);
  const search = await (await fetch(`${apiUrl}/?q=Correction`)).text();
  assert.match(search, /class="updated"/, 'search shows the article as updated');
}

/** The re-crawl's dedupe job done, and nothing left in the index queue: whatever it wrote is written. */
async function waitForRecrawlIndexed(queues: StageQueues, docId: string): Promise<void> {
  await waitFor('its re-crawl through dedupe', async () => {
    const job = await queues.dedupe.getJob(jobIds.dedupe({ docId, recrawl: 1 }));
    return (await job?.isCompleted()) ? true : undefined;
  });
  await waitFor('the index queue to settle', async () => {
    const counts = await queues.index.getJobCounts('waiting', 'active', 'delayed');
    return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) === 0 ? true : undefined;
  });
}

async function removeEverything(es: Es, redis: Redis, prefix: string): Promise<void> {
  const names = indexNames(prefix);
  await es.indices.delete({ index: `${prefix}-v*` }).catch(() => undefined);
  await es.indices.delete({ index: names.history }).catch(() => undefined);
  await es.indices.deleteIndexTemplate({ name: names.templateName }).catch(() => undefined);
  const left = await redis.keys(`${prefix}:*`);
  if (left.length > 0) await redis.del(...left);
  redis.disconnect();
  await es.close();
}

/** The first fetch was plain; the re-fetch sent both validators and got a 304. */
function assertConditionalRefetch(requests: SeenRequest[]): void {
  const [firstFetch, refetch] = requests;
  assert.equal(firstFetch!.status, 200);
  assert.equal(firstFetch!.ifNoneMatch, undefined);
  assert.ok(refetch!.ifNoneMatch?.startsWith('"'), 'the re-fetch sent If-None-Match');
  assert.equal(refetch!.ifModifiedSince, 'Wed, 02 Dec 2026 08:00:00 GMT');
  assert.equal(refetch!.status, 304);
}

/** A skip counted by the stage, as GET /metrics shows it. */
async function waitForMetric(apiUrl: string, stage: string, reason: string): Promise<void> {
  const line = new RegExp(`newsflow_stage_skipped_total\\{stage="${stage}",reason="${reason}"\\} [1-9]`);
  await waitFor(`${stage} skip ${reason} counted`, async () =>
    line.test(await (await fetch(`${apiUrl}/metrics`)).text()) ? true : undefined,
  );
}

/** Re-crawls 10 s and 40 s after the first fetch, looked for every 300 ms. */
function pipelineEnv(prefix: string): Record<string, string> {
  return {
    REDIS_URL: TEST_REDIS_URL,
    ELASTICSEARCH_URL: TEST_ELASTICSEARCH_URL,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_INDEX_PREFIX: prefix,
    FETCH_ALLOW_PRIVATE: '127.0.0.1',
    FETCH_HOST_DELAY_MS: '0',
    RECRAWL_SCHEDULE: '10s,40s',
    RECRAWL_TICK_MS: '300',
    LOG_LEVEL: 'warn',
  };
}

async function readIndexed(es: Es, names: IndexNames, id: string): Promise<Indexed | undefined> {
  const response = await es.get<EsArticle>({ index: names.readAlias, id }, { ignore: [404] });
  return response.found && response._source ? { version: response._version!, source: response._source } : undefined;
}

/** The requests the site saw for a path, once it was asked at least twice (a first fetch and a re-crawl). */
function fetchedAgain(site: ChangingSite, path: string): Promise<SeenRequest[]> {
  return waitFor(`${path} fetched again`, async () => {
    const seen = site.seen(path);
    return seen.length >= 2 ? seen : undefined;
  });
}

function fetchOf(url: string, docId: string) {
  return { url, docId, submittedAt: new Date().toISOString(), source: { kind: 'recrawl' as const } };
}
