import { createClusterStore } from '@newsflow/cluster';
import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, createRedis, runStage } from '@newsflow/runtime';
import { createDedupeHandler } from './handle-dedupe.ts';

const config = loadConfig();
const log = createLogger('dedupe', config.LOG_LEVEL);
const redis = createRedis(config, 'dedupe-store');
const store = createClusterStore(redis, { prefix: `${config.NEWSFLOW_QUEUE_PREFIX}:cluster` });
const stage = runStage('dedupe', createDedupeHandler(store), { config, concurrency: config.DEDUPE_CONCURRENCY, log });
closeOnSignals(log, stage.close, async () => void redis.disconnect());
log.info('dedupe running');
