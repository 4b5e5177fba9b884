import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { resolveConfig } from '@newsflow/config';
import type { Config } from '@newsflow/config';
import type { ArticleDocument } from '@newsflow/contracts';
import { closeQueues, createQueues, createRedisClient } from '@newsflow/runtime';
import type { StageQueues } from '@newsflow/runtime';
import { createEsClient, ensureArticlesIndex, indexNames, toEsDocument } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';
import type { SubmitDiscovery } from '../../src/discovery-port.ts';
import { buildServer } from '../../src/server.ts';
import { clearPrefix } from '@newsflow/testkit';

export interface TestStack {
  app: FastifyInstance;
  config: Config;
  queues: StageQueues;
  redis: RedisClient;
  elasticsearch: Client;
  names: IndexNames;
  /** Base URL once `listen()` was called. */
  url: string;
  listen(): Promise<string>;
  /** Indexes and refreshes; `indexedAt` stamps them as the indexer would (default: now). */
  indexDocuments(documents: ArticleDocument[], indexedAt?: Date): Promise<void>;
  close(): Promise<void>;
}

/**
 * An API server on real RedisClient and Elasticsearch (REDIS_URL, ELASTICSEARCH_URL) with a queue prefix
 * and index prefix of its own, removed again by close(): tests never see each other's jobs or documents.
 */
export interface TestStackOptions {
  discovery?: SubmitDiscovery;
  logStream?: NodeJS.WritableStream;
}

export async function startTestStack(
  env: Record<string, string> = {},
  options: TestStackOptions = {},
): Promise<TestStack> {
  const id = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const config = resolveConfig({
    REDIS_URL: process.env.REDIS_URL,
    ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL,
    LOG_LEVEL: 'silent',
    NEWSFLOW_QUEUE_PREFIX: `nf-${id}`,
    NEWSFLOW_INDEX_PREFIX: `nf-${id}`,
    ...env,
  });
  const redis = createRedisClient(config, 'api-test');
  const queues = createQueues(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const elasticsearch = createEsClient(config.ELASTICSEARCH_URL);
  const names = indexNames(config.NEWSFLOW_INDEX_PREFIX);
  // A set-up that fails closes what it opened, so the test file fails and exits rather than hanging on open handles.
  const app = await ensureArticlesIndex(elasticsearch, names)
    .then(() => buildServer({ config, queues, elasticsearch, redis, ...options }))
    .catch(async (error: unknown) => {
      await dropResources(config, queues, redis, elasticsearch, names);
      throw error;
    });
  const stack: TestStack = {
    app,
    config,
    queues,
    redis,
    elasticsearch,
    names,
    url: '',
    async listen() {
      await app.listen({ host: '127.0.0.1', port: 0 });
      stack.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      return stack.url;
    },
    indexDocuments: (documents, indexedAt) => indexAll(elasticsearch, names, documents, indexedAt),
    close: () => closeStack(stack),
  };
  return stack;
}

async function indexAll(
  client: Client,
  names: IndexNames,
  documents: ArticleDocument[],
  indexedAt = new Date(),
): Promise<void> {
  const operations = documents.flatMap((document) => [
    { index: { _index: names.writeAlias, _id: document.docId } },
    toEsDocument(document, indexedAt),
  ]);
  const response = await client.bulk({ operations, refresh: 'wait_for' });
  if (response.errors)
    throw new Error(`bulk indexing failed: ${JSON.stringify(response.items.find((item) => item.index?.error))}`);
}

async function closeStack(stack: TestStack): Promise<void> {
  await stack.app.close();
  await dropResources(stack.config, stack.queues, stack.redis, stack.elasticsearch, stack.names);
}

/** Removes every job, key, index and template of the stack's prefixes, then closes the clients. */
async function dropResources(
  config: Config,
  queues: StageQueues,
  redis: RedisClient,
  elasticsearch: Client,
  names: IndexNames,
): Promise<void> {
  for (const queue of Object.values(queues)) await queue.obliterate({ force: true });
  await closeQueues(queues);
  await clearPrefix(redis, config.NEWSFLOW_QUEUE_PREFIX);
  redis.disconnect();
  // Deletes need concrete names (clusters refuse wildcard deletes by default).
  const indices = Object.keys(
    await elasticsearch.indices.get({ index: names.pattern, allow_no_indices: true }).catch(() => ({})),
  );
  if (indices.length)
    await elasticsearch.indices.delete({ index: indices, ignore_unavailable: true }).catch(() => undefined);
  await elasticsearch.indices.deleteIndexTemplate({ name: names.templateName }).catch(() => undefined);
  await elasticsearch.close();
}
