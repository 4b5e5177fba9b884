import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, createRedisClient, runStage } from '@newsflow/runtime';
import { createRenderer } from './create-renderer.ts';
import { createRenderStage } from './handle-render.ts';

const config = loadConfig();
const log = createLogger('renderer', config.LOG_LEVEL);
const redis = createRedisClient(config, 'renderer-raw');
const renderer = createRenderer(config, redis);
const stage = runStage(createRenderStage(redis, renderer, config.NEWSFLOW_QUEUE_PREFIX), {
  config,
  concurrency: config.RENDER_CONCURRENCY,
  log,
});
closeOnSignals(log, stage.close, renderer.close, async () => void redis.disconnect());
log.info({ chromium: config.RENDER_CHROMIUM_PATH, allowPrivate: config.FETCH_ALLOW_PRIVATE }, 'renderer running');
