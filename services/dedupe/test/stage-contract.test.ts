// The dedupe stage passes the stage contract on real Redis (an article in, an upsert job out).
import { createClusterStore, DEFAULT_STORY_OPTIONS, RedisStoryStore } from '@newsflow/cluster';
import { createLogger } from '@newsflow/config';
import type { DedupeJob } from '@newsflow/contracts';
import { createQueue, createRedisClient, enqueueUpsert, runStage } from '@newsflow/runtime';
import { makeArticleDocument, stageContract, TEST_REDIS_URL } from '@newsflow/testkit';
import { createDedupeStage } from '../src/handle-dedupe.ts';
import { createIndexOutbox, outboxWriter } from '../src/index-outbox.ts';

const REDIS_URL = TEST_REDIS_URL;

// An ArticleDocument is a dedupe job's article and metadata plus what dedupe decides (its cluster).
const { clusterId: _decided, docId, domain, finalUrl, fetchedAt, submittedAt, ...article } = makeArticleDocument();
const job: DedupeJob = { docId, domain, finalUrl, fetchedAt, submittedAt, article };

stageContract('dedupe', {
  start: async (prefix) => {
    const config = { REDIS_URL, NEWSFLOW_QUEUE_PREFIX: prefix };
    const redis = createRedisClient(config, 'dedupe-contract');
    const index = createQueue('index', redis, prefix);
    const outbox = createIndexOutbox((documents) => enqueueUpsert(index, redis, documents), {
      maxDocs: 50,
      flushMs: 20,
    });
    const store = createClusterStore(redis, { prefix: `${prefix}:cluster` });
    const stage = runStage(
      createDedupeStage(store, {
        store: new RedisStoryStore(redis, `${prefix}:stories`),
        options: DEFAULT_STORY_OPTIONS,
      }),
      {
        config,
        concurrency: 2,
        log: createLogger('test', 'silent'),
        writers: { upsert: outboxWriter(outbox) },
      },
    );
    return {
      close: async () => {
        await stage.close();
        await outbox.flush();
        await index.close();
        redis.disconnect();
      },
    };
  },
  validJob: async () => ({ name: 'dedupe', data: job }),
});
