// The dedupe store on a real Redis Cluster (3 masters + 3 replicas, started here): the script's
// KEYS route it to the master of the prefix's hash tag, every key it writes sits in that one
// slot, and the shared store contract holds there as on one server; so does the story store's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Cluster } from 'ioredis';
import { startRedisCluster } from '@newsflow/devstack';
import type { LocalRedisCluster } from '@newsflow/devstack';
import { createClusterStore, deleteKeys, hashTagOf } from '../src/store/redis-store.ts';
import { articleBodies, syndicatedCopy, uniquePrefix } from './helpers.ts';
import { storeContract } from './store-contract.ts';
import { RedisStoryStore } from '../src/store/stories/redis-story-store.ts';
import { storyStoreContract } from './stories-store-contract.ts';

void describe('Redis store on a Redis Cluster', { timeout: 240_000 }, () => {
  let local: LocalRedisCluster;
  let redis: Cluster;
  const prefixes: string[] = [];
  const tagged = () => {
    const prefix = `${uniquePrefix('rc')}:{dedupe}`;
    prefixes.push(prefix);
    return prefix;
  };
  before(async () => {
    local = await startRedisCluster();
    redis = new Cluster(local.env.REDIS_CLUSTER_NODES.split(','));
  });
  const storyStores: RedisStoryStore[] = [];
  after(async () => {
    for (const prefix of prefixes) await deleteKeys(redis, prefix);
    for (const store of storyStores) await redis.del(...store.allKeys);
    redis?.disconnect();
    await local?.stop();
  });

  void it('refuses a prefix without a hash tag: its keys would spread over slots', () => {
    assert.equal(hashTagOf('newsflow:{cluster}:d:x'), 'cluster');
    assert.equal(hashTagOf('newsflow:{}:{a}'), undefined, 'an empty first tag makes Redis hash the whole key');
    assert.throws(() => createClusterStore(redis, { prefix: 'plain:prefix' }), /needs a hash tag/);
  });

  void it('keeps every key of the store in one slot, on one master', async () => {
    const prefix = tagged();
    const store = createClusterStore(redis, { prefix });
    const [body, other] = articleBodies();
    await store.assign({ docId: 'a', title: 'A', body: body! });
    const copy = await store.assign({ docId: 'b', title: 'B', body: syndicatedCopy(body!) });
    await store.assign({ docId: 'c', title: 'C', body: other! });
    assert.equal(copy.clusterId, 'a');
    const keys: string[] = [];
    for (const master of redis.nodes('master')) {
      const [, found] = await master.scan('0', 'MATCH', `${prefix}:*`, 'COUNT', 100_000);
      if (found.length > 0) keys.push(`${master.options.port}`);
      const slots = new Set(await Promise.all(found.map((key) => master.cluster('KEYSLOT', key))));
      assert.ok(slots.size <= 1, `keys in ${slots.size} slots`);
    }
    assert.equal(keys.length, 1, 'one master holds the store');
  });

  storeContract(() => createClusterStore(redis, { prefix: tagged() }));

  // The story store's scripts and its epoch keys (counted, dropped by UNLINK) on the same cluster.
  void describe('the story store on the same cluster', () => {
    storyStoreContract(() => {
      const store = new RedisStoryStore(redis, uniquePrefix('rcs'));
      storyStores.push(store);
      return store;
    });
  });
});
