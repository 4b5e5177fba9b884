// The dedupe stage (in this process, or as worker processes) and a real indexer over real Redis
// and Elasticsearch, on private names: what the story tests need to follow an article from its
// dedupe job to its document in Elasticsearch.
import { randomBytes } from 'node:crypto';
import { createClusterStore, DEFAULT_STORY_OPTIONS, RedisStoryStore } from '@newsflow/cluster';
import type { StoryOptions } from '@newsflow/cluster';
import { createLogger, resolveConfig } from '@newsflow/config';
import { docIdFor, jobIdFor, redisKeys } from '@newsflow/contracts';
import type { DedupeJob, EsArticle } from '@newsflow/contracts';
import { startIndexer } from '@newsflow/indexer';
import { createQueue, createRedis, enqueueUpsert, runStage } from '@newsflow/runtime';
import type { RunningStage } from '@newsflow/runtime';
import { createEsClient, ensureArticlesIndex, indexNames } from '@newsflow/search';
import { clearPrefix, waitFor } from '@newsflow/testkit';
import { createDedupeStage } from '../../src/handle-dedupe.ts';
import { createIndexOutbox, outboxWriter } from '../../src/index-outbox.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ES_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';

export interface ArticleText {
  title: string;
  body: string;
  publishedAt?: string;
}

/** A dedupe job for one article text, on its own URL. */
export function dedupeJobOf(text: ArticleText, n: number, prefix: string): DedupeJob {
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

export async function startStoryHarness() {
  const id = randomBytes(4).toString('hex');
  const prefix = `tq-${id}`;
  const names = indexNames(`t-${id}`);
  const env = { REDIS_URL, ELASTICSEARCH_URL: ES_URL, NEWSFLOW_QUEUE_PREFIX: prefix };
  const config = resolveConfig({ ...env, INDEX_BATCH_SIZE: '50', INDEX_FLUSH_MS: '50' });
  const client = createEsClient(ES_URL);
  await ensureArticlesIndex(client, names);
  const indexer = startIndexer({ config, log: createLogger('story-indexer', 'silent'), client, names });
  const redis = createRedis(config, 'story-test');
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
    const stage = createDedupeStage(clusters, { store: stories, options });
    const writers = { upsert: outboxWriter(outbox) };
    stages.push(runStage(stage, { config, writers, concurrency, log: createLogger('story-test', 'silent') }));
  };

  const add = async (jobs: DedupeJob[]) => {
    const opts = (data: DedupeJob) => ({ jobId: jobIdFor('dedupe', data.docId), attempts: 3 });
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
    await indexer.close();
    for (const queue of [dedupe, index]) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await clearPrefix(redis, prefix);
    redis.disconnect();
    const existing = Object.keys(await client.indices.get({ index: names.pattern, allow_no_indices: true }));
    if (existing.length > 0) await client.indices.delete({ index: existing });
    await client.indices.deleteIndexTemplate({ name: names.templateName }, { ignore: [404] });
    await client.close();
  };

  return { prefix, env, clusters, stories, runDedupe, add, settle, indexed, cleanup };
}

export type StoryHarness = Awaited<ReturnType<typeof startStoryHarness>>;
