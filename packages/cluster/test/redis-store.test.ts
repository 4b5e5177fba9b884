// Integration tests against a real Redis (REDIS_URL); each test gets its own key prefix and
// deletes it afterwards.
import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { clusterAll } from '../eval/run-eval.ts';
import { syndicationSuite } from '../eval/syndication-suite.ts';
import { createMemoryClusterStore } from '../src/store/memory-store.ts';
import { createClusterStore, deleteKeys } from '../src/store/redis-store.ts';
import type { ClusterStoreOptions } from '../src/store/options.ts';
import { REDIS_URL, articleBodies, straighten, syndicatedCopy, uniquePrefix } from './helpers.ts';
import { storeContract } from './store-contract.ts';

void describe('Redis store', () => {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  const other = new Redis(REDIS_URL, { lazyConnect: true });
  const prefixes: string[] = [];
  const makeStore = (connection: Redis, options: ClusterStoreOptions = {}) => {
    const prefix = options.prefix ?? uniquePrefix('redis');
    if (!prefixes.includes(prefix)) prefixes.push(prefix);
    return createClusterStore(connection, { ...options, prefix });
  };
  afterEach(async () => {
    for (const prefix of prefixes.splice(0)) await deleteKeys(redis, prefix);
  });
  /** Distinct bucket entries (documents' internal refs) under a prefix. */
  const bucketEntries = async (prefix: string) => {
    const buckets = await redis.keys(`${prefix}:l:*`);
    const values = (await Promise.all(buckets.map((key) => redis.hvals(key)))).flat();
    return [...new Set(values.flatMap((v) => v.split(' ')))];
  };
  after(() => {
    redis.disconnect();
    other.disconnect();
  });

  storeContract(() => makeStore(redis));

  void it('ends with one cluster per story when two workers assign copies at the same instant', async () => {
    const prefix = uniquePrefix('race');
    const workerA = makeStore(redis, { prefix });
    const workerB = makeStore(other, { prefix });
    const bodies = articleBodies().slice(0, 40);
    for (const [i, body] of bodies.entries()) {
      const [a, b] = await Promise.all([
        workerA.assign({ docId: `s${i}-a`, title: 'A', body }),
        workerB.assign({ docId: `s${i}-b`, title: 'B', body: syndicatedCopy(body) }),
      ]);
      assert.equal(a.clusterId, b.clusterId, `story ${i}`);
      assert.equal([a, b].filter((d) => d.isNewCluster).length, 1, `story ${i}: exactly one opens the cluster`);
    }
  });

  void it('agrees across workers on a burst of many copies and exact duplicates in flight', async () => {
    const prefix = uniquePrefix('burst');
    const workers = [makeStore(redis, { prefix }), makeStore(other, { prefix })];
    const docs = articleBodies()
      .slice(0, 30)
      .flatMap((body, i) =>
        [body, syndicatedCopy(body), body, straighten(body).replace(/\n\s*\n/g, '\n')].map((text, j) => ({
          id: `s${i}-${j}`,
          cluster: `s${i}`,
          title: `T${j}`,
          body: text,
        })),
      );
    const decisions = await Promise.all(
      docs.map((doc, i) => workers[i % 2]!.assign({ docId: doc.id, title: doc.title, body: doc.body })),
    );
    assert.equal(decisions.filter((d) => d.isNewCluster).length, 30, 'one new cluster per story');
    assert.equal(decisions.filter((d) => d.duplicateOf !== undefined).length, 60, 'exact copies short-circuit');
    const clusterByLabel = new Map<string, Set<string>>();
    for (const doc of docs) {
      const cluster = (await workers[0]!.clusterOf(doc.id))!;
      clusterByLabel.set(doc.cluster!, (clusterByLabel.get(doc.cluster!) ?? new Set()).add(cluster));
    }
    for (const [label, clusters] of clusterByLabel)
      assert.equal(clusters.size, 1, `copies of ${label} split over ${[...clusters].join(', ')}`);
    const all = [...clusterByLabel.values()].flatMap((s) => [...s]);
    assert.equal(new Set(all).size, all.length, 'no two stories share a cluster');
  });

  void it('decides exactly like the in-memory twin (same Lua and JS semantics) on the syndication suite', async () => {
    const docs = syndicationSuite({ copiesPerBody: 3 });
    const viaRedis = await clusterAll(makeStore(redis), docs);
    const inMemory = await clusterAll(createMemoryClusterStore(), docs);
    assert.deepEqual(viaRedis, inMemory);
  });

  void it('drops bucket entries of documents whose keys expired before they could be pruned', async () => {
    const prefix = uniquePrefix('ttl');
    const store = makeStore(redis, { prefix });
    const body = articleBodies()[1]!;
    await store.assign({ docId: 'gone', title: '', body });
    await redis.del(`${prefix}:d:gone`);
    const next = await store.assign({ docId: 'next', title: '', body: syndicatedCopy(body) });
    assert.equal(next.isNewCluster, true);
    assert.deepEqual(await bucketEntries(prefix), [await redis.hget(`${prefix}:d:next`, 'q')]);
  });

  void it('refuses a connection with an ioredis keyPrefix (the script would not see it)', () => {
    const prefixed = new Redis(REDIS_URL, { lazyConnect: true, keyPrefix: 'x:' });
    assert.throws(() => createClusterStore(prefixed), TypeError);
    prefixed.disconnect();
  });

  void it('expires documents after the retention window: index pruned, keys gone', async () => {
    const prefix = uniquePrefix('retention');
    const store = makeStore(redis, { prefix, retentionSeconds: 1 });
    const body = articleBodies()[2]!;
    await store.assign({ docId: 'old', title: '', body });
    assert.ok((await redis.ttl(`${prefix}:d:old`)) > 0, 'per-document keys carry a TTL');
    await sleep(1200);
    const late = await store.assign({ docId: 'late', title: '', body: syndicatedCopy(body) });
    assert.equal(late.isNewCluster, true);
    assert.equal(await store.clusterOf('old'), null);
    assert.deepEqual(await redis.zrange(`${prefix}:log`, 0, -1), ['late']);
    assert.deepEqual(
      await bucketEntries(prefix),
      [await redis.hget(`${prefix}:d:late`, 'q')],
      'no bucket lists the expired document',
    );
    assert.equal(await redis.exists(`${prefix}:d:old`), 0);
    const refs = await Promise.all((await redis.keys(`${prefix}:i:*`)).map((key) => redis.hvals(key)));
    assert.deepEqual(refs.flat(), ['late']);
  });
});
