import { Redis } from 'ioredis';
import { identityOf, jobIdFor } from '@newsflow/contracts';
import { createQueue } from '@newsflow/runtime';
import type { StageQueue } from '@newsflow/runtime';
import { createEsClient, indexNames } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import { clearPrefix, uniquePrefix } from '@newsflow/testkit';

export const STAGES = ['fetch', 'clean', 'dedupe', 'index'] as const;
export type Stage = (typeof STAGES)[number];
export const SERVICE_OF = { fetch: 'fetcher', clean: 'cleaner', dedupe: 'dedupe', index: 'indexer' } as const;

/** What every measured run shares: the servers, and the knobs the report states. */
export interface BenchSettings {
  redisUrl: string;
  elasticsearchUrl: string;
  hostDelayMs: number;
  fetchConcurrency: number;
  /** the checkout whose services run (default: this one); the A/B bench points it at a baseline */
  serviceRoot?: string;
}

/** One run's private namespace (queue prefix = index prefix), its clients, and its clean-up. */
export interface RunContext {
  prefix: string;
  /** the checkout whose services this run starts (undefined: this one) */
  serviceRoot?: string;
  redis: Redis;
  es: Client;
  queues: { [S in Stage]: StageQueue<S> };
  /** the environment a stage process of this run gets */
  env(extra?: Record<string, string>): Record<string, string>;
  dispose(): Promise<void>;
}

export function createRunContext(settings: BenchSettings, label: string): RunContext {
  const prefix = uniquePrefix(`bench-${label}`);
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
  const es = createEsClient(settings.elasticsearchUrl);
  // the product's own queue factory, so submitted jobs carry the same attempts and backoff as the API's
  const queues = {
    fetch: createQueue('fetch', redis, prefix),
    clean: createQueue('clean', redis, prefix),
    dedupe: createQueue('dedupe', redis, prefix),
    index: createQueue('index', redis, prefix),
  };
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    REDIS_URL: settings.redisUrl,
    ELASTICSEARCH_URL: settings.elasticsearchUrl,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_INDEX_PREFIX: prefix,
    FETCH_ALLOW_PRIVATE: '127.0.0.0/8',
    FETCH_HOST_DELAY_MS: String(settings.hostDelayMs),
    FETCH_HOST_CONCURRENCY: '1',
    FETCH_CONCURRENCY: String(settings.fetchConcurrency),
    LOG_LEVEL: 'warn',
    ...extra,
  });
  const dispose = async (): Promise<void> => {
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    await clearPrefix(redis, prefix);
    await es.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true }).catch(() => undefined);
    await es.indices.deleteIndexTemplate({ name: indexNames(prefix).templateName }).catch(() => undefined);
    redis.disconnect();
    await es.close();
  };
  return { prefix, serviceRoot: settings.serviceRoot, redis, es, queues, env, dispose };
}

/** Submits URLs as the API does (deterministic job ids), in bulk; returns each URL's docId. */
export async function submitUrls(context: RunContext, urls: readonly string[]): Promise<string[]> {
  const submittedAt = new Date().toISOString();
  const jobs = urls.map((input) => {
    const { url, docId } = identityOf(input);
    const data = { url, docId, submittedAt, source: { kind: 'api' as const } };
    return { name: 'fetch' as const, data, opts: { jobId: jobIdFor('fetch', docId) } };
  });
  for (let i = 0; i < jobs.length; i += 1000) await context.queues.fetch.addBulk(jobs.slice(i, i + 1000));
  return jobs.map((job) => job.data.docId);
}
