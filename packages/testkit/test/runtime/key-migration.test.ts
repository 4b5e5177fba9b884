// The one-time move to the hash-tagged layout, on a real Redis: a job queued, a metric counted and
// a dedupe decision made by the old layout are found by the new one after the move.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createClusterStore } from '@newsflow/cluster';
import { redisKeys } from '@newsflow/contracts';
import { createQueue, layoutMoves, moveKeys, readMetrics } from '@newsflow/runtime';
import { clearPrefix, uniquePrefix, TEST_REDIS_URL } from '@newsflow/testkit';

const REDIS_URL = TEST_REDIS_URL;
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const prefix = uniquePrefix('mig');

after(async () => {
  await clearPrefix(redis, prefix);
  redis.disconnect();
});

test('jobs, metrics and the dedupe index of the old layout move to the tagged keys, once', async () => {
  const old = new Queue('fetch', { connection: redis, prefix });
  await old.add('fetch', { url: 'https://example.com/a' }, { jobId: 'fetch-a' });
  await old.close();
  await redis.hincrby(`${prefix}:metrics:counters`, 'processed|fetch', 7);
  const body = 'Harbour council votes on the bridge. '.repeat(40);
  await createClusterStore(redis, { prefix: `${prefix}:cluster` }).assign({ docId: 'doc-a', title: 'A', body });
  await redis.hset(redisKeys(prefix).legacyRelabels.hash, 'doc-a', '1|c1');

  const report = await moveKeys(redis, layoutMoves(prefix));
  assert.ok(report.moved > 5, `moved ${report.moved}`);
  assert.deepEqual(report.kept, []);

  const queue = createQueue('fetch', redis, prefix);
  assert.equal((await queue.getJob('fetch-a'))?.data.url, 'https://example.com/a', 'the queued job is found');
  assert.equal(await queue.getJobState('fetch-a'), 'waiting');
  await queue.close();
  const metrics = await readMetrics(redis, prefix, ['fetch']);
  assert.deepEqual(metrics.processed, [{ stage: 'fetch', value: 7 }]);
  const store = createClusterStore(redis, { prefix: redisKeys(prefix).cluster });
  assert.equal(await store.clusterOf('doc-a'), 'doc-a', 'the dedupe index kept its document');
  assert.equal(await redis.exists(redisKeys(prefix).legacyRelabels.hash), 1, 'relabels are left to the indexer');
  assert.deepEqual(await moveKeys(redis, layoutMoves(prefix)), { moved: 0, kept: [] }, 'a second run moves nothing');
});
