import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, createRedis, runStage } from '@newsflow/runtime';
import { createFetchHandler } from './handle-fetch.ts';

const config = loadConfig();
const log = createLogger('fetcher', config.LOG_LEVEL);
const redis = createRedis(config, 'fetcher-raw');
const stage = runStage('fetch', createFetchHandler(config, redis), { config, concurrency: config.FETCH_CONCURRENCY, log });
closeOnSignals(log, stage.close, async () => void redis.disconnect());
log.info('fetcher running');
