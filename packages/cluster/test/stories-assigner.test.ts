import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignStory, DEFAULT_STORY_OPTIONS, repairStories } from '../src/core/stories/assign-story.ts';
import { FrequencyTable, frequencyKeys } from '../src/core/stories/frequencies.ts';
import { agglomerate } from '../src/core/stories/linkage.ts';
import { PairMemo, pairGraph } from '../src/core/stories/repair.ts';
import { profileOf } from '../src/core/stories/profile.ts';
import { truncate, weigh } from '../src/core/stories/similarity.ts';
import { mentionsOf } from '../src/core/stories/text-signals.ts';
import { ecbplusDevFile } from '../eval/stories/dataset-path.ts';
import { scoreOrders, SPLIT_SEED } from '../eval/stories/story-eval.ts';
import { splitByTopic, topicsOf } from '../eval/stories/topic-split.ts';
import { readJsonl } from '../eval/labelled.ts';
import { MemoryStoryStore } from '../src/store/stories/memory-story-store.ts';

const OPTIONS = { ...DEFAULT_STORY_OPTIONS, repairEvery: 0 };
const docs = readJsonl(ecbplusDevFile());

/** The articles of the two events of one recovered topic (same kind of event, different events). */
const [pairA, pairB] = topicsOf(docs).find((topic) => topic.length === 2)!;
const topicPair = () => [docs.filter((d) => d.story === pairA), docs.filter((d) => d.story === pairB)] as const;

const article = (d: (typeof docs)[number], publishedAt?: string) => ({
  docId: d.id,
  title: d.title,
  body: d.body,
  ...(publishedAt ? { publishedAt } : {}),
});

void describe('story signals', () => {
  void it('finds names, places, numbers and dates without lists of them', () => {
    const m = mentionsOf(
      'Quake hits Aceh',
      'A magnitude 7.6 quake struck near Banda Aceh on Friday, Dec. 11, 2009, killing 1,200.',
    );
    assert.ok(m.names.has('banda aceh') && m.names.has('aceh'), [...m.names].join());
    assert.ok(m.places.has('banda aceh'));
    assert.ok(
      ['7.6', '11', '2009', '1200'].every((n) => m.numbers.has(n)),
      [...m.numbers].join(),
    );
    assert.ok(
      ['friday', 'december 11', '2009'].every((d) => m.dates.has(d)),
      [...m.dates].join(),
    );
    assert.ok(!m.names.has('friday') && !m.names.has('a'));
  });
});

void describe('repair agglomeration', () => {
  // Three articles: 0-1 strongly linked, 1-2 weakly, 0-2 not scored.
  const graph = [
    new Map([[1, 0.9]]),
    new Map([
      [0, 0.9],
      [2, 0.3],
    ]),
    new Map([[1, 0.3]]),
  ];
  const vectors = [0, 1, 2].map((i) =>
    weigh(profileOf({ docId: `d${i}`, title: '', body: 'x' }), new FrequencyTable()),
  );

  void it('offers the strongest pair first and joins only what the decision accepts', () => {
    const offers: number[][] = [];
    const groups = agglomerate(graph, vectors, (f, a, b) => {
      offers.push([...a, ...b].sort());
      return f.meanP > 0.5;
    });
    assert.deepEqual(
      offers,
      [
        [0, 1],
        [0, 1, 2],
      ],
      'the refused offer is not repeated',
    );
    assert.deepEqual(groups.map((g) => [...g].sort()).sort(), [[0, 1], [2]]);
  });

  void it('counts unscored cross pairs in the mean and the linked share', () => {
    const seen: number[][] = [];
    agglomerate(graph, vectors, (f) => {
      seen.push([f.meanP, f.linked]);
      return true;
    });
    assert.deepEqual(seen[1], [0.15, 0.5]);
  });
});

void describe('repair pair memo', () => {
  void it("scores a repair's pairs as a fresh scoring does when it reuses the previous repair's", () => {
    const table = new FrequencyTable();
    const profiles = docs.slice(0, 90).map((d) => profileOf(article(d)));
    for (const p of profiles) table.add(frequencyKeys(p));
    const members = profiles.map((p, i) => ({
      profile: truncate(weigh(p, table)),
      storyId: docs[i]!.story ?? p.docId,
    }));
    const window = { windowMillis: OPTIONS.windowDays * 86_400_000 };
    const memo = new PairMemo(OPTIONS.model, window);
    const fresh = (from: number, to: number) => pairGraph(members.slice(from, to), OPTIONS.model, window);
    const reusing = (from: number, to: number) => pairGraph(members.slice(from, to), OPTIONS.model, window, memo);
    assert.deepEqual(reusing(0, 60), fresh(0, 60));
    assert.deepEqual(reusing(30, 90), fresh(30, 90), 'half of these pairs come from the previous repair');
    assert.deepEqual(reusing(0, 90), fresh(0, 90), 'pairs of the repair before the last are scored again');
  });
});

void describe('streaming story assigner', () => {
  void it('joins a write-up to its event and keeps the other event of the same kind apart', async () => {
    const store = new MemoryStoryStore();
    const [eventA, eventB] = topicPair();
    const a = await assignStory(store, article(eventA[0]!), OPTIONS);
    const b = await assignStory(store, article(eventB[0]!), OPTIONS);
    assert.equal(a.isNewStory, true);
    assert.notEqual(b.storyId, a.storyId);
    const joined = await Promise.all(eventA.slice(1, 4).map((d) => assignStory(store, article(d), OPTIONS)));
    assert.ok(
      joined.some((d) => d.storyId === a.storyId),
      'some write-up of event A joins it',
    );
    assert.ok(
      joined.every((d) => d.storyId !== b.storyId),
      'none joins event B',
    );
  });

  void it('returns the same story on a replay without counting the article again', async () => {
    const store = new MemoryStoryStore();
    const first = await assignStory(store, article(docs[0]!), OPTIONS);
    const again = await assignStory(store, article(docs[0]!), OPTIONS);
    assert.deepEqual(again, { storyId: first.storyId, isNewStory: false, relabels: [] });
    assert.equal((await store.frequencies([])).documents, 1);
  });

  void it('never joins articles further apart than the time window', async () => {
    const store = new MemoryStoryStore();
    const copy = { ...article(docs[0]!), docId: 'later' };
    const first = await assignStory(store, article(docs[0]!, '2012-07-07T22:00:00Z'), OPTIONS);
    const near = await assignStory(store, { ...copy, docId: 'near', publishedAt: '2012-07-08T10:00:00Z' }, OPTIONS);
    const far = await assignStory(store, { ...copy, publishedAt: '2012-08-07T00:00:00Z' }, OPTIONS);
    assert.equal(near.storyId, first.storyId);
    assert.notEqual(far.storyId, first.storyId);
  });

  void it('repairs a wrongly merged story: the larger part keeps the id, the rest is relabelled', async () => {
    const store = new MemoryStoryStore();
    const [eventA, eventB] = topicPair();
    const [big, small] = [eventA.slice(0, 4), eventB.slice(0, 2)];
    for (const [i, d] of [...big, ...small].entries()) {
      const profile = profileOf(article(d));
      const { frequencies } = await store.count(d.id, frequencyKeys(profile));
      const forced = {
        profile,
        vector: truncate(weigh(profile, frequencies)),
        indexKeys: [],
        absorb: [],
      };
      await store.commit({ ...forced, storyId: i === 0 ? null : big[0]!.id });
    }
    const relabels = await repairStories(store, OPTIONS);
    assert.equal(await store.storyOf(big[1]!.id), big[0]!.id, 'the larger part keeps its id');
    const moved = new Set(relabels.flatMap((r) => r.docIds));
    for (const d of small) assert.ok(moved.has(d.id), `${d.id} moved out`);
    for (const d of big) assert.ok(!moved.has(d.id), `${d.id} stayed`);
    assert.notEqual(await store.storyOf(small[0]!.id), big[0]!.id);
  });

  void it('scores ECB+ held-out topics well above a single-signal threshold (one arrival order)', async () => {
    const { test } = splitByTopic(docs, SPLIT_SEED);
    const [result] = await scoreOrders(test, DEFAULT_STORY_OPTIONS, 1);
    assert.ok(result!.pairwise.precision >= 0.95, `precision ${result!.pairwise.precision}`);
    assert.ok(result!.pairwise.recall >= 0.88, `recall ${result!.pairwise.recall}`);
    assert.ok(result!.bcubed.f1 >= 0.93, `B-cubed F1 ${result!.bcubed.f1}`);
  });
});
