// Scores of the excerpt and roundup suite: copy recall (an excerpt ends in its source's cluster)
// and cross-story precision (pairs in one cluster quote a common story), with roundups present.
import type { ClusterStore } from '../src/types.ts';
import type { SuiteDoc } from './excerpt-suite.ts';
import { clusterAll } from './run-eval.ts';

export interface ExcerptScores {
  documents: number;
  excerpts: number;
  recall: number;
  /** Recall per excerpt length: '2-3 paragraphs' or the share of the source, in tenths. */
  recallByLength: Map<string, { joined: number; total: number }>;
  pairs: number;
  crossStoryPairs: number;
  precision: number;
  /** Roundups that opened a cluster of their own / joined one of the stories they quote. */
  roundupsAlone: number;
  roundupsJoined: number;
  millisPerDoc: number;
}

function lengthBucket(doc: SuiteDoc): string {
  const share = doc.share ?? 0;
  if (share < 0.3) return '2-3 paragraphs';
  return `${Math.round(share * 100)
    .toString()
    .replace(/\d$/, '0')}-${Math.round(share * 100)
    .toString()
    .replace(/\d$/, '9')}% of the source`;
}

function excerptRecall(
  docs: readonly SuiteDoc[],
  clusterOf: Map<string, string>,
): Pick<ExcerptScores, 'excerpts' | 'recall' | 'recallByLength'> {
  const byLength = new Map<string, { joined: number; total: number }>();
  let joined = 0;
  const excerpts = docs.filter((d) => d.kind === 'excerpt');
  for (const doc of excerpts) {
    const hit = clusterOf.get(doc.id) === clusterOf.get(doc.sources[0]!);
    const bucket = byLength.get(lengthBucket(doc)) ?? { joined: 0, total: 0 };
    byLength.set(lengthBucket(doc), { joined: bucket.joined + Number(hit), total: bucket.total + 1 });
    joined += Number(hit);
  }
  return {
    excerpts: excerpts.length,
    recall: excerpts.length === 0 ? 1 : joined / excerpts.length,
    recallByLength: byLength,
  };
}

/** A pair is cross-story when the two documents quote no story in common. */
function crossStory(docs: readonly SuiteDoc[], clusterOf: Map<string, string>): { pairs: number; cross: number } {
  const members = Map.groupBy(docs, (d) => clusterOf.get(d.id)!);
  let pairs = 0;
  let cross = 0;
  for (const group of members.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        pairs++;
        if (!group[i]!.stories.some((s) => group[j]!.stories.includes(s))) cross++;
      }
    }
  }
  return { pairs, cross };
}

export async function scoreExcerptSuite(store: ClusterStore, docs: readonly SuiteDoc[]): Promise<ExcerptScores> {
  const started = performance.now();
  const assignments = await clusterAll(store, docs, null);
  const millisPerDoc = (performance.now() - started) / Math.max(1, docs.length);
  const clusterOf = new Map(assignments.map((a) => [a.id, a.cluster]));
  const { pairs, cross } = crossStory(docs, clusterOf);
  const sizes = Map.groupBy(docs, (d) => clusterOf.get(d.id)!);
  const roundups = docs.filter((d) => d.kind === 'roundup');
  const alone = roundups.filter((d) => sizes.get(clusterOf.get(d.id)!)!.length === 1).length;
  return {
    documents: docs.length,
    ...excerptRecall(docs, clusterOf),
    pairs,
    crossStoryPairs: cross,
    precision: pairs === 0 ? 1 : 1 - cross / pairs,
    roundupsAlone: alone,
    roundupsJoined: roundups.length - alone,
    millisPerDoc,
  };
}

export function formatExcerptScores(name: string, s: ExcerptScores): string {
  const p = (x: number) => x.toFixed(4);
  const lengths = [...s.recallByLength.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([bucket, { joined, total }]) => `    ${bucket}: ${p(joined / total)} (${joined} of ${total})`);
  return [
    `${name}: ${s.documents} documents (${s.excerpts} excerpts, ${s.roundupsAlone + s.roundupsJoined} roundups)`,
    `  excerpt copy recall ${p(s.recall)}`,
    ...lengths,
    `  cross-story precision ${p(s.precision)} (${s.crossStoryPairs} of ${s.pairs} pairs in one cluster quote no common story)`,
    `  roundups alone ${s.roundupsAlone}, joined one of the stories they quote ${s.roundupsJoined}`,
    `  ${s.millisPerDoc.toFixed(3)} ms per document`,
  ].join('\n');
}
