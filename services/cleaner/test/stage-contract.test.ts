// The clean stage passes the stage contract on real Redis (a seed page in, a dedupe job out).
import { createLogger } from '@newsflow/config';
import { createQueue, createRedisClient, runStage } from '@newsflow/runtime';
import { loadSeedArticles, renderArticlePage } from '@newsflow/seeds';
import { stageContract, TEST_REDIS_URL } from '@newsflow/testkit';
import { createCleanStage } from '../src/handle-clean.ts';
import { storeCleanJob } from './support/clean-job.ts';

const REDIS_URL = TEST_REDIS_URL;

stageContract('clean', {
  start: async (prefix) => {
    const config = { REDIS_URL, NEWSFLOW_QUEUE_PREFIX: prefix };
    const redis = createRedisClient(config, 'clean-contract');
    const dedupe = createQueue('dedupe', redis, prefix);
    const stage = runStage(createCleanStage(redis, dedupe), {
      config,
      concurrency: 2,
      log: createLogger('test', 'silent'),
    });
    return {
      close: async () => {
        await stage.close();
        await dedupe.close();
        redis.disconnect();
      },
    };
  },
  validJob: async (prefix, redis) => {
    const [seed, other] = loadSeedArticles();
    if (!seed || !other) throw new Error('the seed articles are missing');
    const url = 'https://www.example-news.com/world/contract';
    const data = await storeCleanJob(redis, prefix, url, renderArticlePage(seed, [other]), '2026-11-20T11:00:00.000Z');
    return { name: 'clean', data };
  },
});
