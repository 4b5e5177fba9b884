import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, createQueue, createRedisClient, runStage } from '@newsflow/runtime';
import { createCleanStage } from './handle-clean.ts';

const config = loadConfig();
const log = createLogger('cleaner', config.LOG_LEVEL);
const redis = createRedisClient(config, 'cleaner-raw');
const dedupe = createQueue('dedupe', redis, config.NEWSFLOW_QUEUE_PREFIX);
const stage = runStage(createCleanStage(redis, dedupe, { render: config.RENDER_ENABLED }), {
  config,
  concurrency: config.CLEAN_CONCURRENCY,
  log,
});
closeOnSignals(
  log,
  stage.close,
  () => dedupe.close(),
  async () => void redis.disconnect(),
);
log.info('cleaner running');
