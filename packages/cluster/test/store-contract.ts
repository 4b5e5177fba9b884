// Behaviour both stores must share, run against each (memory-store.test.ts, redis-store.test.ts).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ClusterStore } from '../src/types.ts';
import { articleBodies, paragraphs, syndicatedCopy } from './helpers.ts';

export function storeContract(makeStore: () => Promise<ClusterStore> | ClusterStore): void {
  const body = articleBodies()[5]!;
  const parts = paragraphs(body);
  const half = Math.floor(parts.length / 2);
  const firstHalf = parts.slice(0, half).join('\n\n');
  const secondHalf = parts.slice(half).join('\n\n');

  void it('merges two clusters bridged by a new document, returning the docs to relabel', async () => {
    const store = await makeStore();
    const a = await store.assign({ docId: 'doc-a', title: 'First half', body: firstHalf });
    const b = await store.assign({ docId: 'doc-b', title: 'Second half', body: secondHalf });
    assert.notEqual(a.clusterId, b.clusterId);
    const c = await store.assign({ docId: 'doc-c', title: 'Whole story', body });
    assert.equal(c.clusterId, 'doc-a', 'the older cluster survives');
    assert.deepEqual(c.relabel?.docIds, ['doc-b']);
    assert.equal(c.relabel?.clusterId, 'doc-a');
    assert.ok(c.relabel!.mergeSeq >= 1);
    assert.equal(await store.clusterOf('doc-b'), 'doc-a');
    assert.deepEqual(await store.membersOf('doc-a'), ['doc-a', 'doc-b', 'doc-c']);
    assert.deepEqual(await store.membersOf('doc-b'), []);
  });

  void it('numbers successive merges with a growing mergeSeq and relabels only what moved', async () => {
    const store = await makeStore();
    const third = Math.floor(parts.length / 3);
    const [p1, p2, p3] = [parts.slice(0, third), parts.slice(third, 2 * third), parts.slice(2 * third)].map((p) =>
      p.join('\n\n'),
    );
    for (const [id, text] of [
      ['t1', p1],
      ['t2', p2],
      ['t3', p3],
    ] as const)
      await store.assign({ docId: id, title: '', body: text! });
    const first = await store.assign({ docId: 't12', title: '', body: `${p1}\n\n${p2}` });
    const second = await store.assign({ docId: 't23', title: '', body: `${p2}\n\n${p3}` });
    assert.deepEqual(first.relabel?.docIds, ['t2']);
    assert.deepEqual(second.relabel?.docIds, ['t3']);
    assert.ok(second.relabel!.mergeSeq > first.relabel!.mergeSeq);
    assert.deepEqual(await store.membersOf('t1'), ['t1', 't2', 't3', 't12', 't23']);
  });

  void it('is idempotent: a replayed assign returns the same decision and changes nothing', async () => {
    const store = await makeStore();
    await store.assign({ docId: 'doc-a', title: '', body: firstHalf });
    await store.assign({ docId: 'doc-b', title: '', body: secondHalf });
    const first = await store.assign({ docId: 'doc-c', title: '', body });
    const again = await store.assign({ docId: 'doc-c', title: '', body });
    assert.deepEqual(again, first);
    const replayedA = await store.assign({ docId: 'doc-a', title: 'edited', body: 'other text entirely' });
    assert.deepEqual(replayedA, { clusterId: 'doc-a', isNewCluster: true, relabel: null });
    assert.deepEqual(await store.membersOf('doc-a'), ['doc-a', 'doc-b', 'doc-c']);
    const next = await store.assign({
      docId: 'doc-d',
      title: '',
      body: secondHalf + '\n\nOne more line about it all.',
    });
    assert.equal(next.relabel, null);
  });

  void it('short-circuits exact duplicates by normalised text and by canonical URL', async () => {
    const store = await makeStore();
    const canonicalUrl = 'https://example.com/world/2021/12/04/kremlin-talks';
    await store.assign({ docId: 'orig', title: 'T', body, canonicalUrl });
    const sameText = await store.assign({ docId: 'text-dup', title: 'Other title', body: body.toUpperCase() });
    assert.deepEqual(sameText, { clusterId: 'orig', isNewCluster: false, duplicateOf: 'orig', relabel: null });
    const sameUrl = await store.assign({ docId: 'url-dup', title: 'T', body: 'Updated text', canonicalUrl });
    assert.equal(sameUrl.duplicateOf, 'orig');
    assert.deepEqual(await store.membersOf('orig'), ['orig', 'text-dup', 'url-dup']);
  });

  void it('a home or section page given as canonical URL never joins different stories', async () => {
    const store = await makeStore();
    const [first, second] = [articleBodies()[3]!, articleBodies()[4]!];
    for (const canonicalUrl of ['https://news.example/', 'https://news.example/world']) {
      const a = await store.assign({
        docId: `a${canonicalUrl.length}`,
        title: 'A',
        body: first + canonicalUrl,
        canonicalUrl,
      });
      const b = await store.assign({
        docId: `b${canonicalUrl.length}`,
        title: 'B',
        body: second + canonicalUrl,
        canonicalUrl,
      });
      assert.notEqual(a.clusterId, b.clusterId, canonicalUrl);
      assert.equal(b.duplicateOf, undefined);
    }
  });

  void it('joins a syndicated copy and keeps a different article apart', async () => {
    const store = await makeStore();
    const a = await store.assign({ docId: 'wire', title: 'Wire', body });
    const copy = await store.assign({ docId: 'copy', title: 'Another headline', body: syndicatedCopy(body) });
    const other = await store.assign({ docId: 'other', title: 'Wire', body: articleBodies()[6]! });
    assert.equal(copy.clusterId, a.clusterId);
    assert.equal(copy.duplicateOf, undefined);
    assert.equal(other.isNewCluster, true);
  });

  void it('rejects a docId with whitespace (it would corrupt bucket lists)', async () => {
    const store = await makeStore();
    await assert.rejects(store.assign({ docId: 'a b', title: '', body }), TypeError);
  });
}
