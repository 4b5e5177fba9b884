// Behaviour every StoryStore must share, run against each (stories-memory-store.test.ts,
// stories-redis-store.test.ts): the assigner's decisions are pure, so these are what a store adds.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { profileOf } from '../src/core/stories/profile.ts';
import { truncate, weigh } from '../src/core/stories/similarity.ts';
import type { StoryCommit, StoryStore } from '../src/core/stories/story-store.ts';
import type { FrequencySnapshot } from '../src/core/stories/frequencies.ts';

const EMPTY = { documents: 0, count: () => 0 };

export function storyCommit(
  docId: string,
  storyId: string | null,
  indexKeys: string[] = [],
  absorb: string[] = [],
): StoryCommit {
  const profile = profileOf({
    docId,
    title: `Title of ${docId}`,
    body: `Body text of ${docId} in Berne on Friday, 12 July.`,
  });
  return { profile, vector: truncate(weigh(profile, EMPTY)), indexKeys, storyId, absorb };
}

export function storyStoreContract(makeStore: () => Promise<StoryStore> | StoryStore): void {
  storyReplayContract(makeStore);
  void it('opens a story named after its first article, and joins it', async () => {
    const store = await makeStore();
    const first = await store.commit(storyCommit('a', null));
    assert.deepEqual(first, { storyId: 'a', isNewStory: true, relabels: [], seq: 1 });
    const second = await store.commit(storyCommit('b', 'a'));
    assert.deepEqual(second, { storyId: 'a', isNewStory: false, relabels: [], seq: 2 });
    assert.equal(await store.storyOf('b'), 'a');
    assert.equal(await store.storyOf('unknown'), null);
    assert.deepEqual(await store.storiesOf(['b', 'unknown', 'a', 'b']), ['a', null, 'a', 'a']);
    assert.deepEqual(await store.storiesOf([]), []);
    assert.deepEqual(await store.membersOf('a'), ['a', 'b']);
    assert.equal(await store.commits(), 2);
  });

  void it('merges bridged stories into the larger one (ties: the smaller id) and relabels the rest', async () => {
    const store = await makeStore();
    for (const [doc, story] of [
      ['s1', null],
      ['s2', 's1'],
      ['t1', null],
      ['u1', null],
    ] as const)
      await store.commit(storyCommit(doc, story));
    const bridge = await store.commit(storyCommit('bridge', 't1', [], ['s1', 'u1']));
    assert.equal(bridge.storyId, 's1', 'the larger story keeps its id whatever the caller named first');
    assert.deepEqual(
      bridge.relabels.map((r) => [r.storyId, [...r.docIds].sort()]),
      [['s1', ['t1', 'u1']]],
    );
    assert.ok(bridge.relabels[0]!.mergeSeq >= 1);
    assert.deepEqual(await store.membersOf('s1'), ['s1', 's2', 't1', 'u1', 'bridge']);
    assert.deepEqual(await store.membersOf('t1'), []);
    const tie = await store.commit(storyCommit('v1', null));
    assert.equal(tie.storyId, 'v1');
    await store.commit(storyCommit('w1', null));
    assert.equal((await store.commit(storyCommit('tie', 'w1', [], ['v1']))).storyId, 'v1');
  });

  void it('joins the survivor when the story it chose was absorbed meanwhile', async () => {
    const store = await makeStore();
    await store.commit(storyCommit('big', null));
    await store.commit(storyCommit('big2', 'big'));
    await store.commit(storyCommit('small', null));
    await store.commit(storyCommit('bridge', 'big', [], ['small']));
    const late = await store.commit(storyCommit('late', 'small'));
    assert.equal(late.storyId, 'big');
    assert.equal(await store.storyOf('late'), 'big');
  });

  void it('ignores a replayed commit and counts an article into the frequencies once', async () => {
    const store = await makeStore();
    const figures = (f: FrequencySnapshot) => [f.documents, f.count('x'), f.count('y'), f.count('z')];
    assert.deepEqual(figures((await store.count('a', ['x', 'y'])).frequencies), [1, 1, 1, 0], 'counted, then read');
    assert.deepEqual(figures((await store.count('a', ['x', 'y'])).frequencies), [1, 1, 1, 0], 'a replay reads only');
    const b = (await store.count('b', ['x'])).frequencies;
    assert.deepEqual([b.documents, b.count('x')], [2, 2], 'the keys it was given');
    assert.deepEqual(figures(await store.frequencies(['x', 'y', 'z'])), [2, 2, 1, 0]);
    await store.commit(storyCommit('a', null));
    assert.deepEqual(await store.commit(storyCommit('a', null)), {
      storyId: 'a',
      isNewStory: false,
      relabels: [],
      seq: 0,
    });
    assert.equal(await store.commits(), 1);
  });

  void it('returns candidates by shared index keys, most first, with their vector and story size', async () => {
    const store = await makeStore();
    const stored = storyCommit('one', null, ['k1', 'k2', 'k3']);
    await store.commit(stored);
    await store.commit(storyCommit('two', 'one', ['k1']));
    await store.commit(storyCommit('three', null, ['k9']));
    const candidates = await store.candidates(['k1', 'k2', 'k3'], 5);
    assert.deepEqual(
      candidates.map((c) => [c.vector.docId, c.storyId, c.storySize]),
      [
        ['one', 'one', 2],
        ['two', 'one', 2],
      ],
    );
    assert.deepEqual(candidates[0]!.vector, stored.vector);
    assert.equal((await store.candidates(['k1'], 1)).length, 1);
  });

  storyWindowContract(makeStore);

  void it('lists the members of recently grown stories in arrival order, bounded', async () => {
    const store = await makeStore();
    await store.commit(storyCommit('old', null));
    await store.commit(storyCommit('x1', null));
    await store.commit(storyCommit('y1', null));
    await store.commit(storyCommit('x2', 'x1'));
    const recent = await store.recentMembers(2, 10);
    assert.deepEqual(
      recent.map((m) => [m.vector.docId, m.storyId]),
      [
        ['x1', 'x1'],
        ['y1', 'y1'],
        ['x2', 'x1'],
      ],
    );
    assert.deepEqual(recent[0]!.vector, storyCommit('x1', null).vector);
    assert.deepEqual(
      (await store.recentMembers(2, 2)).map((m) => m.vector.docId),
      ['x1', 'x2'],
    );
  });
}

/** The story window: two epochs kept, reads over the epoch and the one before, older ones dropped. */
function storyWindowContract(makeStore: () => Promise<StoryStore> | StoryStore): void {
  void it('counts and finds candidates over the epoch and the one before, and drops older epochs', async () => {
    const store = await makeStore();
    const at = async (docId: string, epoch: number, story: string | null = null) => {
      const { epoch: filed } = await store.count(docId, ['x'], epoch);
      await store.commit({ ...storyCommit(docId, story, ['k']), epoch: filed });
      return filed;
    };
    assert.equal(await at('e5', 5), 5);
    assert.equal(await at('e6', 6, 'e5'), 6);
    assert.equal((await store.frequencies(['x'], 6)).count('x'), 2, 'epoch 6 reads 5 and 6');
    assert.equal((await store.count('e6', ['x'], 6)).frequencies.count('x'), 2, 'and so does its count');
    assert.deepEqual((await store.candidates(['k'], 5, 6)).map((c) => c.vector.docId).sort(), ['e5', 'e6']);
    assert.equal(await at('e7', 7, 'e5'), 7);
    const seven = await store.frequencies(['x'], 7);
    assert.deepEqual([seven.documents, seven.count('x')], [2, 2], 'epoch 5 fell out of the window');
    assert.deepEqual((await store.candidates(['k'], 5, 7)).map((c) => c.vector.docId).sort(), ['e6', 'e7']);
    assert.deepEqual((await store.frequencies(['x'], 6)).documents, 1, 'epoch 5 is gone, not only unread');
    assert.equal(await at('late', 2), 6, 'a late article goes to the oldest epoch kept');
    assert.equal((await store.frequencies(['x'], 7)).documents, 3);
    assert.equal(await store.storyOf('e5'), 'e5', 'story ids outlive the epoch');
    assert.deepEqual(await store.membersOf('e5'), ['e5', 'e6', 'e7']);
    const recent = await store.recentMembers(10, 10);
    assert.deepEqual(recent.map((m) => m.vector.docId).sort(), ['e6', 'e7', 'late'], 'no vector left for e5');
  });
}

/** Replays and copy clusters: what a store keeps so the pipeline's stories stay whole and complete. */
function storyReplayContract(makeStore: () => Promise<StoryStore> | StoryStore): void {
  void it('moves articles between stories, creating and emptying stories as it goes', async () => {
    const store = await makeStore();
    for (const [doc, story] of [
      ['a', null],
      ['b', 'a'],
      ['c', 'a'],
    ] as const)
      await store.commit(storyCommit(doc, story));
    const relabels = await store.move([{ storyId: 'c~9', docIds: ['c'] }]);
    assert.deepEqual(
      relabels.map((r) => [r.storyId, r.docIds]),
      [['c~9', ['c']]],
    );
    assert.deepEqual(await store.membersOf('c~9'), ['c']);
    assert.deepEqual(await store.membersOf('a'), ['a', 'b']);
    const [again] = await store.move([{ storyId: 'c~9', docIds: ['a', 'b'] }]);
    assert.ok(again!.mergeSeq > relabels[0]!.mergeSeq);
    assert.deepEqual(await store.membersOf('a'), []);
    assert.deepEqual(await store.membersOf('c~9'), ['a', 'b', 'c']);
  });
  void it('returns on replay the relabels an article caused: its bridge merge and the repair it triggered', async () => {
    const store = await makeStore();
    for (const [doc, story] of [
      ['p1', null],
      ['q1', null],
    ] as const)
      await store.commit(storyCommit(doc, story));
    const bridge = await store.commit(storyCommit('pq', 'p1', [], ['q1']));
    const repair = await store.move([{ storyId: 'q1~3', docIds: ['q1'] }], 'pq');
    const replay = await store.replayOf('pq');
    assert.deepEqual(replay?.storyId, 'p1');
    assert.deepEqual(replay?.relabels, [...bridge.relabels, ...repair]);
    assert.deepEqual((await store.commit(storyCommit('pq', 'p1'))).relabels, replay?.relabels);
    assert.equal(await store.replayOf('nobody'), null);
    assert.deepEqual((await store.replayOf('p1'))?.relabels, [], 'an article that caused nothing');
  });

  void it('commits a copy into the story of its cluster whatever the caller chose (two workers raced)', async () => {
    const store = await makeStore();
    await store.commit({ ...storyCommit('o1', null), cluster: 'k1' });
    await store.commit({ ...storyCommit('x1', null), cluster: 'k2' });
    // The copy's worker gave up waiting for o1's story and asked the model, which chose x1.
    const copy = await store.commit({ ...storyCommit('o2', 'x1'), cluster: 'k1' });
    assert.deepEqual([copy.storyId, copy.isNewStory], ['o1', false]);
    // A copy whose arrival merged k2 into k1 folds k2's story in: one story for the one cluster.
    const merging = await store.commit({ ...storyCommit('o3', null), cluster: 'k1', clusterMergedFrom: ['x1'] });
    assert.equal(merging.storyId, 'o1', 'the larger story keeps its id');
    for (const doc of ['o1', 'o2', 'o3', 'x1']) assert.equal(await store.storyOf(doc), 'o1', doc);
  });

  void it('moves whole copy clusters, also clusters merged later, so a cluster never spans two stories', async () => {
    const store = await makeStore();
    await store.commit({ ...storyCommit('c1', null), cluster: 'k1' });
    await store.commit({ ...storyCommit('c2', 'c1'), cluster: 'k1' });
    await store.commit({ ...storyCommit('d1', null), cluster: 'k2' });
    // d2's arrival merged cluster k2 into k1 (its copy store said so): one cluster from now on.
    await store.commit({ ...storyCommit('d2', 'c1', [], ['d1']), cluster: 'k1', clusterMergedFrom: ['d1'] });
    // A repair that saw only c1 moves it: the whole cluster goes.
    const [moved] = await store.move([{ storyId: 'c1~9', docIds: ['c1'] }]);
    assert.deepEqual([...moved!.docIds].sort(), ['c1', 'c2', 'd1', 'd2']);
    for (const doc of ['c1', 'c2', 'd1', 'd2']) assert.equal(await store.storyOf(doc), 'c1~9', doc);
  });
}
