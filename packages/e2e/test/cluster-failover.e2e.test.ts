// The done-when test of issue 13: the whole product on a local Redis Cluster (3 masters + 3
// replicas) and a 3-node Elasticsearch, 2 processes of every stage, over 1,000 URLs from a
// multi-host site; mid-run one Redis master and one Elasticsearch node are killed with SIGKILL.
// Every URL must end indexed exactly once or failed/skipped with a reason, the seed copies in one
// cluster, no job left active, and fetching going again within 15 s of the Redis kill.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startCorpusSite } from '@newsflow/bench';
import { resolveConfig } from '@newsflow/config';
import { startClusterServices } from '@newsflow/devstack';
import { closeQueues, createQueues, createRedisClient, queueKey, redisMasters } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';
import { createEsClient, indexNames } from '@newsflow/search';
import { primaryNodeName } from '../src/faults/cluster-faults.ts';
import type { Client } from '@newsflow/search';
import { startSeedSite } from '@newsflow/seeds';
import { uniquePrefix, waitFor } from '@newsflow/testkit';
import {
  accountFor,
  activeJobs,
  completedJobs,
  runEnv,
  startStages,
  submitUrls,
  unended,
} from '../src/multi-process-run.ts';
import { memoryByMaster, perDocument, slotSpread } from './support/redis-footprint.ts';

const CORPUS_URLS = 1_000;

/** ms from `since` until `done()` first holds, polled every 250 ms. */
async function msUntil(label: string, since: number, done: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  await waitFor(label, async () => ((await done().catch(() => false)) ? true : undefined), timeoutMs, 250);
  return Date.now() - since;
}

/** The port of the master serving a key's slot, asked of the cluster itself. */
async function masterPortOf(redis: RedisClient, key: string): Promise<number> {
  const slot = Number(await redisMasters(redis)[0]!.cluster('KEYSLOT', key));
  const ranges = (await redis.cluster('SLOTS')) as unknown as Array<[number, number, [string, number]]>;
  const owner = ranges.find(([from, to]) => slot >= from && slot <= to);
  if (!owner) throw new Error(`no master serves slot ${slot}`);
  return owner[2][1];
}

async function indexedCount(es: Client, prefix: string): Promise<number> {
  const index = indexNames(prefix).readAlias;
  await es.indices.refresh({ index });
  return (await es.count({ index })).count;
}

void test(
  'on a Redis Cluster and 3 Elasticsearch nodes, 2 processes per stage ride out kill -9 of a master and a node',
  { timeout: 900_000 },
  async (t) => {
    const log = (line: string) => t.diagnostic(line);
    const [clusters, corpus, seeds] = await Promise.all([
      startClusterServices({ log }),
      startCorpusSite({ urls: CORPUS_URLS, hosts: 24 }),
      startSeedSite(0),
    ]);
    const prefix = uniquePrefix('rc-e2e');
    const redis = createRedisClient(resolveConfig(clusters.env), 'e2e-admin');
    redis.on('error', () => {}); // the kill makes it complain; results are judged below
    const es = createEsClient(clusters.env.ELASTICSEARCH_URL);
    const queues = createQueues(redis, prefix);
    const memoryBefore = await memoryByMaster(redis);
    const stages = await startStages(runEnv(clusters.env, prefix), 2);
    try {
      const urls = [...corpus.urls, ...seeds.articles.map((article) => article.url)];
      const startedAt = Date.now();
      const docIds = await submitUrls(stages.apiUrl, urls);
      assert.equal(new Set(docIds).size, urls.length);

      // 1. kill -9 the master that serves the fetch queue, a quarter of the way in
      await waitFor(
        'a quarter fetched',
        async () => ((await completedJobs(redis, prefix, 'fetch')) >= 250 ? true : undefined),
        300_000,
        250,
      );
      const fetchMaster = await masterPortOf(redis, queueKey(prefix, 'fetch', 'wait'));
      const fetchedAtKill = await completedJobs(redis, prefix, 'fetch');
      const redisKilledAt = Date.now();
      await clusters.redis.node(fetchMaster).kill();
      const fetchResumedMs = await msUntil(
        'fetching to resume after the Redis master kill',
        redisKilledAt,
        async () => (await completedJobs(redis, prefix, 'fetch')) > fetchedAtKill + 5,
        120_000,
      );
      log(
        `redis master ${fetchMaster} killed at ${fetchedAtKill} fetched: fetching resumed after ${fetchResumedMs} ms`,
      );
      await clusters.redis.waitHealthy(60_000);

      // 2. kill -9 the Elasticsearch node with the write index's primary, while documents still arrive
      await waitFor(
        'documents indexed',
        async () => ((await indexedCount(es, prefix).catch(() => 0)) >= 100 ? true : undefined),
        300_000,
        500,
      );
      const primary = await primaryNodeName(es, prefix);
      const node = clusters.elasticsearch.nodes.find((candidate) => candidate.name === primary)!;
      const indexedAtKill = await indexedCount(es, prefix);
      assert.ok(indexedAtKill < urls.length - 50, `the ES kill lands mid-run (${indexedAtKill} indexed)`);
      const esKilledAt = Date.now();
      await node.kill();
      const indexResumedMs = await msUntil(
        'indexing to resume after the Elasticsearch node kill',
        esKilledAt,
        async () => (await indexedCount(es, prefix)) > indexedAtKill + 5,
        180_000,
      );
      log(
        `elasticsearch ${primary} (primary) killed at ${indexedAtKill} indexed: indexing resumed after ${indexResumedMs} ms`,
      );

      // 3. drain: every URL ends somewhere, then the account
      let account = await accountFor(redis, queues, es, prefix, docIds);
      const drainDeadline = Date.now() + 400_000;
      while (unended(account) > 0 && Date.now() < drainDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        account = await accountFor(redis, queues, es, prefix, docIds);
      }
      const seconds = (Date.now() - startedAt) / 1000;
      const ended = urls.length - unended(account) - account.lost.length;
      log(
        `${urls.length} URLs in ${seconds.toFixed(1)} s: ${(ended / seconds).toFixed(1)} URLs/s on the clusters (kills included)`,
      );
      log(
        `indexed ${account.indexed}, failed ${JSON.stringify(account.failed)}, skipped ${JSON.stringify(account.skipped)}`,
      );
      log(`lost ${account.lost.length}, pending ${account.pending.length}, duplicated ${account.duplicated}`);
      assert.deepEqual(account.lost, [], 'lost = 0');
      assert.deepEqual(account.pending, [], 'nothing left pending');
      assert.equal(account.duplicated, 0, 'duplicated = 0');
      assert.equal(account.outside, 0, 'no document in the index beyond the submitted ones');
      assert.ok(account.indexed >= CORPUS_URLS * 0.9, `most URLs indexed (${account.indexed})`);
      const seedClusters = new Set(seeds.articles.map((article, i) => account.clusters.get(docIds[CORPUS_URLS + i]!)));
      assert.equal(seedClusters.size, 1, `the seed copies are one cluster: ${[...seedClusters].join(', ')}`);
      await waitFor(
        'no job left active',
        async () => {
          const active = await activeJobs(queues);
          return Object.values(active).every((count) => count === 0) ? true : undefined;
        },
        60_000,
        500,
      );
      assert.ok(fetchResumedMs <= 15_000, `fetching resumed within 15 s of the failover (${fetchResumedMs} ms)`);

      const memory = await memoryByMaster(redis);
      const grown = [...memory].reduce((sum, [port, bytes]) => sum + bytes - (memoryBefore.get(port) ?? 0), 0);
      const spread = await slotSpread(redis, prefix);
      log(`redis used_memory grew ${Math.round(grown / account.indexed)} bytes per indexed document over all masters`);
      log(`keys: ${perDocument(spread.bytesByFamily, account.indexed)}`);
      for (const line of spread.lines) log(`  ${line}`);
    } finally {
      await stages.stop();
      await closeQueues(queues);
      redis.disconnect();
      await es.close();
      await Promise.all([clusters.stop(), corpus.stop(), seeds.close()]);
    }
  },
);
