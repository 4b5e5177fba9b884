import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import type { Queue } from 'bullmq';
import { createLogger, resolveConfig } from '@newsflow/config';
import { encodeUpsertPayload, upsertRefOf } from '@newsflow/contracts';
import type { ArticleDocument, IndexJob } from '@newsflow/contracts';
import { createQueue, createRedisClient, storeUpsertPayload } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';
import { clearPrefix, makeArticleDocument, TEST_ELASTICSEARCH_URL, TEST_REDIS_URL } from '@newsflow/testkit';
import { createEsClient, ensureArticlesIndex, indexNames } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import { startIndexer } from '../../src/indexer.ts';
import type { Indexer } from '../../src/indexer.ts';

export interface Harness {
  /** Client straight to Elasticsearch, for setup and assertions. */
  client: Client;
  names: IndexNames;
  queuePrefix: string;
  redis: RedisClient;
  queue: Queue;
  indexer: Indexer;
  /** Adds a relabel job, or an upsert job with its payload stored as the dedupe worker would. */
  add(job: IndexJob | UpsertDocuments, jobId?: string): Promise<void>;
  /** Waits until `count` jobs are completed or failed. */
  settle(count: number, timeoutMs?: number): Promise<{ completed: number; failed: number }>;
  cleanup(): Promise<void>;
}

/** In a describe: a harness of its own, started before its tests and cleaned up after; call the result inside a test. */
export function useHarness(options: Parameters<typeof startHarness>[0] = {}): () => Harness {
  let harness: Harness | undefined;
  before(async () => (harness = await startHarness(options)));
  after(async () => harness?.cleanup());
  return () => {
    if (!harness) throw new Error('the harness starts in before(): call this inside a test');
    return harness;
  };
}

/** A running indexer on private names (`t-…` indices, `tq-…` queue prefix) with fast test timings. */
export async function startHarness(options: { esUrl?: string; env?: Record<string, string> } = {}): Promise<Harness> {
  const id = randomBytes(4).toString('hex');
  const names = indexNames(`t-${id}`);
  const queuePrefix = `tq-${id}`;
  const client = createEsClient(TEST_ELASTICSEARCH_URL);
  await ensureArticlesIndex(client, names);
  const config = resolveConfig({
    REDIS_URL: TEST_REDIS_URL,
    ELASTICSEARCH_URL: options.esUrl ?? TEST_ELASTICSEARCH_URL,
    NEWSFLOW_QUEUE_PREFIX: queuePrefix,
    INDEX_BATCH_SIZE: '50',
    INDEX_FLUSH_MS: '50',
    INDEX_BACKOFF_MS: '50',
    INDEX_BACKOFF_MAX_MS: '400',
    ...options.env,
  });
  // Short deadline and no client retries: the outage guard does the waiting.
  const indexerClient = createEsClient(config.ELASTICSEARCH_URL, { requestTimeout: 1_000, maxRetries: 0 });
  const indexer = startIndexer({ config, log: createLogger('indexer-test', 'silent'), client: indexerClient, names });
  const redis = createRedisClient(config, 'indexer-test');
  const queue = createQueue('index', redis, queuePrefix) as unknown as Queue;
  let n = 0;
  const add = async (job: IndexJob | UpsertDocuments, jobId?: string): Promise<void> => {
    n += 1;
    const id = jobId ?? `job-${n}`;
    const data =
      job.kind === 'documents'
        ? await storeUpsertPayload(
            redis,
            queuePrefix,
            id,
            job.documents.map((doc) => upsertRefOf(doc)),
            encodeUpsertPayload(job.documents),
          )
        : job;
    await queue.add('index', data, { jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 100 } });
  };
  const settle = async (count: number, timeoutMs = 20_000): Promise<{ completed: number; failed: number }> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await queue.getJobCounts('completed', 'failed');
      const settled = { completed: counts.completed ?? 0, failed: counts.failed ?? 0 };
      if (settled.completed + settled.failed >= count) return settled;
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(counts)} of ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const cleanup = async (): Promise<void> => {
    await indexer.close();
    await indexerClient.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await clearPrefix(redis, queuePrefix);
    redis.disconnect();
    const existing = Object.keys(await client.indices.get({ index: names.pattern, allow_no_indices: true }));
    if (existing.length > 0) await client.indices.delete({ index: existing });
    await client.indices.deleteIndexTemplate({ name: names.templateName }, { ignore: [404] });
    await client.close();
  };
  return { client, names, queuePrefix, redis, queue, indexer, add, settle, cleanup };
}

let counter = 0;

/** A valid ArticleDocument titled by its order of creation; override any field. */
export function makeDocument(overrides: Partial<ArticleDocument> = {}): ArticleDocument {
  counter += 1;
  return makeArticleDocument({ title: `Article ${counter}`, tags: [], ...overrides });
}

export interface UpsertDocuments {
  kind: 'documents';
  documents: ArticleDocument[];
}

/** An upsert job for these documents (one, unless the test is about batches). */
export function upsert(...documents: [ArticleDocument, ...ArticleDocument[]]): UpsertDocuments {
  return { kind: 'documents', documents };
}
