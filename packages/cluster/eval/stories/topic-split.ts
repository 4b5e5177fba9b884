// Train/test split of a story-labelled set by topic. ECB+ events come in pairs of one kind (two
// earthquakes), and the pair is what makes the task hard, so both events of a pair must fall on
// the same side. The files carry no topic label: pairs are recovered from the gold stories alone,
// by pairing each story with the one whose centroid (TF-IDF over the whole set) is most similar,
// most similar pairs first. Used only to split, never by the assigner.
import { FrequencyTable, frequencyKeys } from '../../src/core/stories/frequencies.ts';
import { profileOf } from '../../src/core/stories/profile.ts';
import { weigh } from '../../src/core/stories/similarity.ts';
import type { LabelledDoc } from '../labelled.ts';
import { Random } from '../prng.ts';

function storyCentroids(docs: readonly LabelledDoc[]): Map<string, Map<string, number>> {
  const profiles = docs.map((d) => profileOf({ docId: d.id, title: d.title, body: d.body }));
  const table = new FrequencyTable();
  for (const profile of profiles) table.add(frequencyKeys(profile));
  const centroids = new Map<string, Map<string, number>>();
  profiles.forEach((profile, i) => {
    const centroid = centroids.get(docs[i]!.story!) ?? new Map<string, number>();
    for (const [term, w] of weigh(profile, table).terms) centroid.set(term, (centroid.get(term) ?? 0) + w);
    centroids.set(docs[i]!.story!, centroid);
  });
  return centroids;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, w] of a) [dot, na] = [dot + w * (b.get(k) ?? 0), na + w * w];
  for (const w of b.values()) nb += w * w;
  return dot / Math.sqrt(na * nb || 1);
}

/** Gold stories grouped into topics (pairs, and a single when the count is odd). */
export function topicsOf(docs: readonly LabelledDoc[]): string[][] {
  const centroids = [...storyCentroids(docs)];
  const pairs = centroids.flatMap(([a, ca], i) =>
    centroids.slice(i + 1).map(([b, cb]) => ({ a, b, similarity: cosine(ca, cb) })),
  );
  pairs.sort((x, y) => y.similarity - x.similarity);
  const placed = new Set<string>();
  const topics: string[][] = [];
  for (const { a, b } of pairs) {
    if (placed.has(a) || placed.has(b)) continue;
    placed.add(a).add(b);
    topics.push([a, b]);
  }
  for (const [story] of centroids) if (!placed.has(story)) topics.push([story]);
  return topics.sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

export interface Split {
  train: LabelledDoc[];
  test: LabelledDoc[];
}

export function splitByTopic(docs: readonly LabelledDoc[], seed: number): Split {
  if (docs.some((d) => d.story === undefined)) throw new Error('splitByTopic: every document needs a story label');
  const topics = new Random(seed).shuffle(topicsOf(docs));
  const trainStories = new Set(topics.slice(0, Math.ceil(topics.length / 2)).flat());
  return {
    train: docs.filter((d) => trainStories.has(d.story!)),
    test: docs.filter((d) => !trainStories.has(d.story!)),
  };
}
