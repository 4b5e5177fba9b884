// The dedupe stage passes the stage contract on real Redis (an article in by reference, as the
// cleaner hands it on, an upsert job out).
import { jobIds, redisKeys } from '@newsflow/contracts';
import type { DedupeJob } from '@newsflow/contracts';
import { createQueue, createRedisClient, enqueueUpsert, storeArticle } from '@newsflow/runtime';
import { makeArticleDocument, stageContract, TEST_REDIS_URL } from '@newsflow/testkit';
import { runDedupeStage } from './support/dedupe-stage.ts';

const REDIS_URL = TEST_REDIS_URL;

// An ArticleDocument is a dedupe job's article and metadata plus what dedupe decides (its cluster).
const { clusterId: _decided, docId, domain, finalUrl, fetchedAt, submittedAt, ...article } = makeArticleDocument();
const meta = { docId, domain, finalUrl, fetchedAt, submittedAt };

stageContract('dedupe', {
  start: async (prefix) => {
    const config = { REDIS_URL, NEWSFLOW_QUEUE_PREFIX: prefix };
    const redis = createRedisClient(config, 'dedupe-contract');
    const index = createQueue('index', redis, prefix);
    const { stage, outbox } = runDedupeStage(redis, prefix, (documents) => enqueueUpsert(index, redis, documents), {
      concurrency: 2,
      flushMs: 20,
    });
    return {
      close: async () => {
        await stage.close();
        await outbox.flush();
        await index.close();
        redis.disconnect();
      },
    };
  },
  validJob: async (prefix, redis) => {
    const articleKey = redisKeys(prefix).article(jobIds.dedupe(meta));
    await storeArticle(redis, articleKey, article);
    const job: DedupeJob = { ...meta, articleKey };
    return { name: 'dedupe', data: job };
  },
});
