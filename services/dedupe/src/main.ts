import { createClusterStore, DEFAULT_STORY_OPTIONS, RedisStoryStore } from '@newsflow/cluster';
import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, createQueue, createRedisClient, enqueueUpsert, runStage } from '@newsflow/runtime';
import { articleRefs } from './article-refs.ts';
import { createDedupeStage } from './handle-dedupe.ts';
import { createIndexOutbox, outboxWriter } from './index-outbox.ts';
import { redisKeys } from '@newsflow/contracts';

const config = loadConfig();
const log = createLogger('dedupe', config.LOG_LEVEL);
const redis = createRedisClient(config, 'dedupe-store');
const store = createClusterStore(redis, {
  prefix: redisKeys(config.NEWSFLOW_QUEUE_PREFIX).cluster,
  retentionSeconds: config.DEDUPE_RETENTION_DAYS * 24 * 3600,
});
// Story state shares the dedupe Redis; its keys carry one hash tag (one Redis Cluster slot).
const stories = {
  store: new RedisStoryStore(redis, redisKeys(config.NEWSFLOW_QUEUE_PREFIX).stories, {
    vectorCache: config.STORY_VECTOR_CACHE,
  }),
  options: { ...DEFAULT_STORY_OPTIONS, windowDays: config.STORY_WINDOW_DAYS, repairEvery: config.STORY_REPAIR_EVERY },
};
const indexQueue = createQueue('index', redis, config.NEWSFLOW_QUEUE_PREFIX);
const outbox = createIndexOutbox((documents) => enqueueUpsert(indexQueue, redis, documents), {
  maxDocs: config.INDEX_OUTBOX_MAX_DOCS,
  flushMs: config.INDEX_OUTBOX_FLUSH_MS,
});
const { read, ...lifecycle } = articleRefs(redis, log);
const stage = runStage(createDedupeStage(store, stories, read), {
  config,
  ...lifecycle,
  writers: { upsert: outboxWriter(outbox) },
  concurrency: config.DEDUPE_CONCURRENCY,
  log,
});
// In order: active jobs finish (awaiting their flush), then the connection they used goes.
closeOnSignals(log, async () => {
  await stage.close();
  await outbox.flush();
  await indexQueue.close();
  redis.disconnect();
});
log.info('dedupe running');
