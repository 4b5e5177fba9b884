// The clean stage passes the stage contract on real Redis (a seed page in, a dedupe job out).
import { createQueue } from '@newsflow/runtime';
import { loadSeedArticles, renderArticlePage } from '@newsflow/seeds';
import { runContractStage, stageContract, TEST_REDIS_URL } from '@newsflow/testkit';
import { createCleanStage } from '../src/handle-clean.ts';
import { storeCleanJob } from './support/clean-job.ts';

const REDIS_URL = TEST_REDIS_URL;

stageContract('clean', {
  start: async (prefix) =>
    runContractStage({ REDIS_URL, NEWSFLOW_QUEUE_PREFIX: prefix }, 2, (redis) => {
      const dedupe = createQueue('dedupe', redis, prefix);
      return { definition: createCleanStage(redis, dedupe), close: () => dedupe.close() };
    }),
  validJob: async (prefix, redis) => {
    const [seed, other] = loadSeedArticles();
    if (!seed || !other) throw new Error('the seed articles are missing');
    const url = 'https://www.example-news.com/world/contract';
    const data = await storeCleanJob(redis, prefix, url, renderArticlePage(seed, [other]), '2026-11-20T11:00:00.000Z');
    return { name: 'clean', data };
  },
});
