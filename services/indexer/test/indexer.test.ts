import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRelabelStore, loadTemplate, reindex } from '@newsflow/search';
import type { EsArticle } from '@newsflow/search';
import { versionOf } from '@newsflow/contracts';
import { UPSERT_PAYLOAD_TTL_SECONDS, upsertPayloadKey } from '@newsflow/runtime';
import { makeDocument, upsert, useHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

async function payloadKeys(h: Harness): Promise<string[]> {
  return (await h.redis.keys(upsertPayloadKey(h.queuePrefix, '*'))).sort();
}

async function source(h: Harness, id: string): Promise<EsArticle | undefined> {
  const response = await h.client.get<EsArticle>({ index: h.names.readAlias, id }, { ignore: [404] });
  return response._source;
}

void describe('indexer against Elasticsearch and Redis', () => {
  const harness = useHarness();

  void it('indexes a batch with one bad document and fails only that one, with its reason', async () => {
    const h = harness();
    const good = Array.from({ length: 9 }, () => makeDocument());
    const bad = makeDocument({ wordCount: 3_000_000_000 });
    for (const doc of [...good.slice(0, 4), bad, ...good.slice(4)]) await h.add(upsert(doc), `batch-${doc.docId}`);
    const settled = await h.settle(10);
    assert.deepEqual(settled, { completed: 9, failed: 1 });
    const [failed] = await h.queue.getFailed();
    assert.equal(failed?.id, `batch-${bad.docId}`);
    assert.match(failed?.failedReason ?? '', /^es-rejected: .*wordCount/);
    assert.equal(failed?.attemptsMade, 1, 'a mapping error is not retried');
    for (const doc of good) assert.equal((await source(h, doc.docId))?.title, doc.title);
    assert.deepEqual(
      await payloadKeys(h),
      [upsertPayloadKey(h.queuePrefix, `batch-${bad.docId}`)],
      'completed jobs drop their payload, the failed one keeps it for a replay',
    );
    await h.queue.clean(0, 1000, 'failed');
    await h.queue.clean(0, 1000, 'completed');
    await h.redis.del(...(await payloadKeys(h)));
  });

  void it('renews the payload of a failed job, so it stays replayable as long as the job is listed', async () => {
    const h = harness();
    await h.queue.pause();
    await h.add(upsert(makeDocument({ wordCount: 3_000_000_000 })), 'refused-alone');
    const key = upsertPayloadKey(h.queuePrefix, 'refused-alone');
    await h.redis.expire(key, 100);
    await h.queue.resume();
    assert.deepEqual(await h.settle(1), { completed: 0, failed: 1 });
    assert.ok((await h.redis.ttl(key)) > UPSERT_PAYLOAD_TTL_SECONDS - 60, 'TTL renewed on failure');
    await h.queue.clean(0, 1000, 'failed');
    await h.redis.del(key);
  });

  void it('fails a job whose payload is gone as payload-missing, once', async () => {
    const h = harness();
    // Paused queue: the job waits until its payload is gone.
    await h.queue.pause();
    await h.add(upsert(makeDocument()), 'lost-payload');
    await h.redis.del(upsertPayloadKey(h.queuePrefix, 'lost-payload'));
    await h.queue.resume();
    assert.deepEqual(await h.settle(1), { completed: 0, failed: 1 });
    const job = await h.queue.getJob('lost-payload');
    assert.match(job?.failedReason ?? '', /^payload-missing: /);
    assert.equal(job?.attemptsMade, 1, 'nothing to retry');
    await h.queue.clean(0, 1000, 'failed');
    await h.queue.clean(0, 1000, 'completed');
  });

  void it('completes a batch job with one bad document, which fails alone under index-<docId>-v<version> with its reason', async () => {
    const h = harness();
    const good = Array.from({ length: 9 }, () => makeDocument());
    const bad = makeDocument({ wordCount: 3_000_000_000 });
    await h.add(upsert(good[0]!, ...good.slice(1, 4), bad, ...good.slice(4)), 'one-batch');
    assert.deepEqual(await h.settle(2), { completed: 1, failed: 1 });
    assert.equal(await h.queue.getJobState('one-batch'), 'completed');
    const [failed] = await h.queue.getFailed();
    assert.equal(failed?.id, `index-${bad.docId}-v${versionOf(bad)}`);
    assert.deepEqual(
      await payloadKeys(h),
      [upsertPayloadKey(h.queuePrefix, String(failed?.id))],
      'the document refused goes back with its own payload',
    );
    assert.deepEqual(
      (failed?.data as { documents: Array<{ docId: string }> }).documents.map((doc) => doc.docId),
      [bad.docId],
    );
    assert.match(failed?.failedReason ?? '', /^es-rejected: .*wordCount/);
    assert.equal(failed?.attemptsMade, 1, 'a mapping error is not retried');
    for (const doc of good) assert.equal((await source(h, doc.docId))?.title, doc.title);
    await h.queue.clean(0, 1000, 'failed');
    await h.queue.clean(0, 1000, 'completed');
  });

  void it('leaves one document for a replayed job, and an older fetch never overwrites a newer one', async () => {
    const h = harness();
    const newer = makeDocument({ title: 'newer', fetchedAt: '2026-11-21T12:00:00Z' });
    const older = { ...newer, title: 'older', fetchedAt: '2026-11-21T08:00:00Z' };
    await h.add(upsert(newer), 'v-1');
    await h.settle(1);
    await h.add(upsert(newer), 'v-2-replay');
    await h.add(upsert(older), 'v-3-late');
    const settled = await h.settle(3);
    assert.deepEqual(settled, { completed: 3, failed: 0 });
    await h.client.indices.refresh({ index: h.names.readAlias });
    const count = await h.client.count({ index: h.names.readAlias, query: { term: { docId: newer.docId } } });
    assert.equal(count.count, 1);
    assert.equal((await source(h, newer.docId))?.title, 'newer');
    await h.queue.clean(0, 1000, 'completed');
  });

  void it('applies a cluster merge to every absorbed document; an older merge never undoes a newer one', async () => {
    const h = harness();
    const docs = [makeDocument(), makeDocument(), makeDocument()];
    for (const doc of docs) await h.add(upsert(doc));
    await h.settle(3);
    const ids = docs.map((doc) => doc.docId);
    await h.add({ kind: 'relabel', docIds: ids, clusterId: 'c-merged', mergeSeq: 5 }, 'merge-5');
    await h.settle(4);
    await h.add({ kind: 'relabel', docIds: ids.slice(1), clusterId: 'c-stale', mergeSeq: 2 }, 'merge-2');
    await h.add({ kind: 'relabel', docIds: ids, clusterId: 'c-merged', mergeSeq: 5 }, 'merge-5-replay');
    assert.deepEqual(await h.settle(6), { completed: 6, failed: 0 });
    for (const id of ids) {
      const doc = await source(h, id);
      assert.equal(doc?.clusterId, 'c-merged');
      assert.equal(doc?.mergeSeq, 5);
      assert.equal(doc?.storyKey, 'c-merged');
    }
    await h.queue.clean(0, 1000, 'completed');
  });

  void it('keeps a merge that arrives before its document', async () => {
    const h = harness();
    const doc = makeDocument();
    await h.add({ kind: 'relabel', docIds: [doc.docId], clusterId: 'c-early', mergeSeq: 7 }, 'early-merge');
    assert.deepEqual(await h.settle(1), { completed: 1, failed: 0 });
    await h.add(upsert(doc), 'late-doc');
    await h.settle(2);
    assert.equal((await source(h, doc.docId))?.clusterId, 'c-early');
    await h.queue.clean(0, 1000, 'completed');
  });
});

void describe('story changes in the indexer', () => {
  const harness = useHarness();

  void it('applies story changes on their own sequence, beside cluster merges, also to a document that arrives later', async () => {
    const h = harness();
    const [a, b] = [makeDocument({ storyId: 's-a' }), makeDocument({ storyId: 's-b' })];
    const late = makeDocument({ storyId: 's-late' });
    for (const doc of [a, b]) await h.add(upsert(doc));
    await h.settle(2);
    const ids = [a.docId, b.docId, late.docId];
    await h.add({ kind: 'story-relabel', docIds: ids, storyId: 's-a', storyMergeSeq: 4 }, 'story-4');
    await h.add({ kind: 'relabel', docIds: ids, clusterId: 'c-x', mergeSeq: 9 }, 'merge-9');
    await h.settle(4);
    await h.add({ kind: 'story-relabel', docIds: [b.docId], storyId: 's-stale', storyMergeSeq: 3 }, 'story-3');
    await h.add(upsert(late), 'late-story-doc');
    assert.deepEqual(await h.settle(6), { completed: 6, failed: 0 });
    for (const id of ids) {
      const doc = await source(h, id);
      assert.deepEqual(
        [doc?.storyId, doc?.storyKey, doc?.storyMergeSeq, doc?.clusterId, doc?.mergeSeq],
        ['s-a', 's-a', 4, 'c-x', 9],
        id,
      );
    }
    await h.queue.clean(0, 1000, 'completed');
  });
});

void describe('reindex with a running indexer', () => {
  const harness = useHarness();

  void it('re-applies merges recorded during the copy, and the indexer keeps writing to the new index', async () => {
    const h = harness();
    const docs = [makeDocument(), makeDocument()];
    for (const doc of docs) await h.add(upsert(doc));
    await h.settle(2);
    // A merge that reached the old index after its document was copied: recorded, not in the copy.
    await createRelabelStore(h.redis, h.queuePrefix).record([docs[0]!.docId], { clusterId: 'c-during', mergeSeq: 3 });
    const result = await reindex(h.client, h.names, { relabels: { redis: h.redis, queuePrefix: h.queuePrefix } });
    const next = h.names.versioned(loadTemplate(h.names).version + 1);
    assert.equal(result.to, next);
    assert.equal(result.relabeled, 1);
    const after = makeDocument();
    await h.add(upsert(after));
    assert.deepEqual(await h.settle(3), { completed: 3, failed: 0 });
    assert.equal((await source(h, docs[0]!.docId))?.clusterId, 'c-during');
    const stored = await h.client.get({ index: next, id: after.docId });
    assert.equal(stored.found, true);
  });
});
