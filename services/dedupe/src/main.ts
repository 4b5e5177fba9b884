import { createClusterStore } from '@newsflow/cluster';
import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, createQueue, createRedisClient, enqueueUpsert, runStage } from '@newsflow/runtime';
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
const indexQueue = createQueue('index', redis, config.NEWSFLOW_QUEUE_PREFIX);
const outbox = createIndexOutbox((documents) => enqueueUpsert(indexQueue, redis, documents), {
  maxDocs: config.INDEX_OUTBOX_MAX_DOCS,
  flushMs: config.INDEX_OUTBOX_FLUSH_MS,
});
const stage = runStage(createDedupeStage(store), {
  config,
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
