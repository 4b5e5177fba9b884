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

  void it("a bridge never merges: a document made of two clusters' texts joins one and relates the other", async () => {
    const store = await makeStore();
    const a = await store.assign({ docId: 'doc-a', title: 'First half', body: firstHalf });
    const b = await store.assign({ docId: 'doc-b', title: 'Second half', body: secondHalf });
    assert.notEqual(a.clusterId, b.clusterId);
    const c = await store.assign({ docId: 'doc-c', title: 'Whole story', body });
    assert.equal(c.relabel, null);
    assert.ok(['doc-a', 'doc-b'].includes(c.clusterId));
    assert.deepEqual(c.relatedClusters, [c.clusterId === 'doc-a' ? 'doc-b' : 'doc-a']);
    assert.equal(await store.clusterOf('doc-b'), 'doc-b');
    assert.equal(await store.clusterOf('doc-a'), 'doc-a');
    assert.deepEqual(await store.assign({ docId: 'doc-c', title: 'Whole story', body }), c, 'a replay says the same');
  });

  void it('a roundup quoting a paragraph of each of five stories joins none and relates all five', async () => {
    const store = await makeStore();
    const stories = articleBodies().slice(10, 15);
    const quoted: string[] = [];
    for (const [i, story] of stories.entries()) {
      await store.assign({ docId: `story-${i}`, title: '', body: story });
      quoted.push(paragraphs(story).find((p) => p.split(/\s+/).length >= 40)!);
    }
    const roundup = await store.assign({ docId: 'roundup', title: 'Briefing', body: quoted.join('\n\n') });
    assert.equal(roundup.isNewCluster, true);
    const related = [...(roundup.relatedClusters ?? [])].sort();
    assert.deepEqual(related, ['story-0', 'story-1', 'story-2', 'story-3', 'story-4']);
    for (let i = 0; i < 5; i++) assert.deepEqual(await store.membersOf(`story-${i}`), [`story-${i}`]);
  });

  void it('a roundup that opened a cluster does not let a second story in through it', async () => {
    const store = await makeStore();
    const [main, other] = [articleBodies()[7]!, articleBodies()[120]!];
    const roundup = [...paragraphs(main), ...paragraphs(other)].join('\n\n');
    await store.assign({ docId: 'roundup', title: 'Briefing', body: roundup });
    const source = await store.assign({ docId: 'main', title: 'Main story', body: main });
    assert.equal(source.clusterId, 'roundup', 'the roundup is mostly this story: it joins');
    const second = await store.assign({ docId: 'other', title: 'Other story', body: other });
    assert.equal(second.isNewCluster, true, "the rest of the roundup is not the cluster's text");
    assert.deepEqual(second.relatedClusters, ['roundup']);
  });

  void it("an excerpt inside another outlet's own paragraphs joins its source", async () => {
    const store = await makeStore();
    const source = await store.assign({ docId: 'wire', title: 'Wire', body });
    const own = paragraphs(articleBodies()[40]!).slice(0, 2);
    const excerpt = [own[0]!, ...parts.slice(2, 2 + Math.ceil(parts.length / 3)), own[1]!].join('\n\n');
    const copy = await store.assign({ docId: 'excerpt', title: 'Local view', body: excerpt });
    assert.equal(copy.clusterId, source.clusterId);
  });

  void it('is idempotent: a replayed assign returns the same decision and changes nothing', async () => {
    const store = await makeStore();
    await store.assign({ docId: 'doc-a', title: '', body });
    await store.assign({ docId: 'doc-b', title: '', body: syndicatedCopy(body) });
    const first = await store.assign({ docId: 'doc-c', title: '', body: firstHalf });
    const again = await store.assign({ docId: 'doc-c', title: '', body: firstHalf });
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
