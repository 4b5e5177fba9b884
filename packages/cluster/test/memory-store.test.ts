import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryClusterStore } from '../src/store/memory-store.ts';
import { articleBodies, syndicatedCopy } from './helpers.ts';
import { storeContract } from './store-contract.ts';

void describe('in-memory store', () => {
  storeContract(() => createMemoryClusterStore());

  void it('forgets documents older than the retention window', async () => {
    let now = 1_000_000;
    const store = createMemoryClusterStore({ retentionSeconds: 60 }, () => now);
    const body = articleBodies()[3]!;
    await store.assign({ docId: 'old', title: '', body });
    now += 61_000;
    const late = await store.assign({ docId: 'late', title: '', body: syndicatedCopy(body) });
    assert.equal(late.isNewCluster, true);
    assert.equal(await store.clusterOf('old'), null);
    assert.equal(store.backend.buckets.size, store.backend.options.tuning.bands, 'only the late document is indexed');
  });

  void it('caps LSH buckets for big stories while every copy still joins', async () => {
    const store = createMemoryClusterStore({ maxBucketSize: 2 });
    const body = articleBodies()[4]!;
    const variants = [
      body,
      syndicatedCopy(body),
      ...[1, 2, 3, 4].map((n) => `${syndicatedCopy(body)}\nUpdate ${n}: more on this later today.`),
    ];
    const decisions = [];
    for (const [i, text] of variants.entries())
      decisions.push(await store.assign({ docId: `v${i}`, title: '', body: text }));
    assert.deepEqual(new Set(decisions.map((d) => d.clusterId)), new Set(['v0']));
    assert.ok([...store.backend.buckets.values()].every((ids) => ids.length <= 2));
  });
});
