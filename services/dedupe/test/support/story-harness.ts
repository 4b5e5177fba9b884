// The dedupe stage (in this process, or as worker processes) and a real indexer (the indexer's
// test harness) over real Redis and Elasticsearch, on private names: what the story tests need to
// follow an article from its dedupe job to its document in Elasticsearch.
import { createClusterStore, DEFAULT_STORY_OPTIONS, RedisStoryStore } from '@newsflow/cluster';
import type { StoryOptions } from '@newsflow/cluster';
import { createLogger, resolveConfig } from '@newsflow/config';
import { docIdFor, jobIdFor, redisKeys } from '@newsflow/contracts';
import type { DedupeInput, EsArticle } from '@newsflow/contracts';
import { createQueue, enqueueUpsert, runStage } from '@newsflow/runtime';
import type { RunningStage } from '@newsflow/runtime';
import { waitFor, TEST_ELASTICSEARCH_URL, TEST_REDIS_URL } from '@newsflow/testkit';
import { startHarness } from '../../../indexer/test/support/harness.ts';
import { articleRefs } from '../../src/article-refs.ts';
import { createDedupeStage } from '../../src/handle-dedupe.ts';
import { createIndexOutbox, outboxWriter } from '../../src/index-outbox.ts';

export interface ArticleText {
  title: string;
  body: string;
  publishedAt?: string;
}

/** A dedupe job for one article text, on its own URL. */
export function dedupeJobOf(text: ArticleText, n: number, prefix: string): DedupeInput {
  const url = `https://outlet-${n % 7}.example/${prefix}/story-${n}`;
  const now = new Date().toISOString();
  const words = text.body.split(/\s+/).length;
  return {
    docId: docIdFor(url),
    domain: `outlet-${n % 7}.example`,
    finalUrl: url,
    fetchedAt: now,
    submittedAt: now,
    article: {
      url,
      title: text.title,
      body: text.body,
      ...(text.publishedAt ? { publishedAt: text.publishedAt } : {}),
      authors: [],
      tags: [],
      wordCount: words,
      provenance: {},
      flags: { paywall: false, jsShell: false, blocked: false, notArticle: false },
    },
  };
}

/** The indexer's own test harness (private index and queue prefix), plus the dedupe side. */
export async function startStoryHarness() {
  const base = await startHarness();
  const { client, names, redis, queuePrefix: prefix } = base;
  const env = { REDIS_URL: TEST_REDIS_URL, ELASTICSEARCH_URL: TEST_ELASTICSEARCH_URL, NEWSFLOW_QUEUE_PREFIX: prefix };
  const config = resolveConfig(env);
  const clusters = createClusterStore(redis, { prefix: redisKeys(prefix).cluster });
  const stories = new RedisStoryStore(redis, redisKeys(prefix).stories);
  const dedupe = createQueue('dedupe', redis, prefix);
  const index = createQueue('index', redis, prefix);
  const stages: RunningStage[] = [];

  /** Runs the dedupe stage in this process, as main.ts does, with these story options. */
  const runDedupe = (options: StoryOptions = DEFAULT_STORY_OPTIONS, concurrency = 1) => {
    const outbox = createIndexOutbox((documents) => enqueueUpsert(index, redis, documents), {
      maxDocs: 50,
      flushMs: 20,
    });
    const log = createLogger('story-test', 'silent');
    const { read, ...lifecycle } = articleRefs(redis, log);
    const stage = createDedupeStage(clusters, { store: stories, options }, read);
    const writers = { upsert: outboxWriter(outbox) };
    stages.push(runStage(stage, { config, writers, concurrency, log, ...lifecycle }));
  };

  const add = async (jobs: DedupeInput[]) => {
    const opts = (data: DedupeInput) => ({ jobId: jobIdFor('dedupe', data.docId), attempts: 3 });
    await dedupe.addBulk(jobs.map((data) => ({ name: 'dedupe', data, opts: opts(data) })));
  };

  /** Waits until `count` dedupe jobs completed and the index queue is drained. */
  const settle = async (count: number, timeoutMs = 120_000) => {
    await waitFor(
      `${count} dedupe jobs and their index jobs`,
      async () => {
        const done = (await dedupe.getJobCounts('completed')).completed === count;
        const pending = await index.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return done && Object.values(pending).every((n) => n === 0) ? true : undefined;
      },
      timeoutMs,
    );
    await client.indices.refresh({ index: names.readAlias });
  };

  const indexed = async (docIds: string[]): Promise<Map<string, EsArticle>> => {
    const { docs } = await client.mget<EsArticle>({ index: names.readAlias, ids: docIds });
    return new Map(docs.flatMap((doc) => ('found' in doc && doc.found && doc._source ? [[doc._id, doc._source]] : [])));
  };

  const cleanup = async () => {
    for (const stage of stages) await stage.close();
    await dedupe.obliterate({ force: true });
    await Promise.all([dedupe.close(), index.close()]);
    await base.cleanup();
  };

  return { prefix, env, clusters, stories, runDedupe, add, settle, indexed, cleanup };
}

export type StoryHarness = Awaited<ReturnType<typeof startStoryHarness>>;
