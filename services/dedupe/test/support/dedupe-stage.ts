import { createClusterStore, DEFAULT_STORY_OPTIONS, RedisStoryStore } from '@newsflow/cluster';
import { createLogger } from '@newsflow/config';
import { runStage } from '@newsflow/runtime';
import type { RedisClient, RunningStage, StageDefinition } from '@newsflow/runtime';
import { TEST_REDIS_URL } from '@newsflow/testkit';
import { articleRefs } from '../../src/article-refs.ts';
import { createDedupeStage } from '../../src/handle-dedupe.ts';
import { createIndexOutbox, outboxWriter } from '../../src/index-outbox.ts';
import type { AddUpsert, IndexOutbox } from '../../src/index-outbox.ts';

export interface DedupeStageOptions {
  concurrency: number;
  /** how long the outbox gathers documents before it flushes them to `addUpsert` */
  flushMs: number;
}

/** The dedupe stage's definition under `prefix`: cluster and story stores and its articles in Redis. */
export function dedupeDefinition(redis: RedisClient, prefix: string): StageDefinition<'dedupe'> {
  const store = createClusterStore(redis, { prefix: `${prefix}:cluster` });
  const stories = { store: new RedisStoryStore(redis, `${prefix}:stories`), options: DEFAULT_STORY_OPTIONS };
  return createDedupeStage(store, stories, articleRefs(redis, createLogger('dedupe-test', 'silent')).read);
}

/**
 * The real dedupe stage under `prefix` as runStage runs it in production: cluster and story stores
 * in Redis, its upserts gathered by an index outbox that hands them to `addUpsert`.
 */
export function runDedupeStage(
  redis: RedisClient,
  prefix: string,
  addUpsert: AddUpsert,
  { concurrency, flushMs }: DedupeStageOptions,
): { stage: RunningStage; outbox: IndexOutbox } {
  const outbox = createIndexOutbox(addUpsert, { maxDocs: 50, flushMs });
  const log = createLogger('dedupe-test', 'silent');
  const { read: _read, ...lifecycle } = articleRefs(redis, log);
  const stage = runStage(dedupeDefinition(redis, prefix), {
    config: { REDIS_URL: TEST_REDIS_URL, NEWSFLOW_QUEUE_PREFIX: prefix },
    concurrency,
    log,
    ...lifecycle,
    writers: { upsert: outboxWriter(outbox) },
  });
  return { stage, outbox };
}
