import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, createRedisClient, runStage } from '@newsflow/runtime';
import { createFetcherDeps } from './create-fetcher.ts';
import { createFetchStage } from './handle-fetch.ts';
import { startRecrawlLoop } from './recrawl/recrawl-loop.ts';
import { startPollLoop } from './schedule/poll-loop.ts';

const config = loadConfig();
const log = createLogger('fetcher', config.LOG_LEVEL);
const redis = createRedisClient(config, 'fetcher-state');
const deps = createFetcherDeps(config, redis);
const stage = runStage(createFetchStage(deps), { config, concurrency: config.FETCH_CONCURRENCY, log });
const polls = startPollLoop(deps.schedule, stage.queues.fetch, config.POLL_TICK_MS, (error) =>
  log.error({ error: String(error) }, 'adaptive poll tick failed'),
);
const recrawls = startRecrawlLoop(deps.recrawl, stage.queues.fetch, deps.backlog, {
  tickMs: config.RECRAWL_TICK_MS,
  onError: (error) => log.error({ error: String(error) }, 'recrawl tick failed'),
});
closeOnSignals(log, polls.stop, recrawls.stop, stage.close, deps.close, async () => void redis.disconnect());
log.info(
  {
    userAgent: config.FETCH_USER_AGENT,
    hostDelayMs: config.FETCH_HOST_DELAY_MS,
    allowPrivate: config.FETCH_ALLOW_PRIVATE,
    recrawlSchedule: config.RECRAWL_SCHEDULE,
  },
  'fetcher running',
);
