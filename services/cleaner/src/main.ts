import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, createRedis, runStage } from '@newsflow/runtime';
import { createCleanHandler } from './handle-clean.ts';

const config = loadConfig();
const log = createLogger('cleaner', config.LOG_LEVEL);
const redis = createRedis(config, 'cleaner-raw');
const stage = runStage('clean', createCleanHandler(redis, config.NEWSFLOW_QUEUE_PREFIX), {
  config,
  concurrency: config.CLEAN_CONCURRENCY,
  log,
});
closeOnSignals(log, stage.close, async () => void redis.disconnect());
log.info('cleaner running');
