// Clustering scores over document labels: pairwise precision/recall/F1 (over all document pairs),
// B-cubed F1 (per-document, so big clusters do not dominate) and the adjusted Rand index.

export interface Scores {
  documents: number;
  pairwise: {
    precision: number;
    recall: number;
    f1: number;
    truePairs: number;
    predictedPairs: number;
    goldPairs: number;
  };
  bcubed: { precision: number; recall: number; f1: number };
  ari: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function countBy(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

export function score(gold: readonly string[], predicted: readonly string[]): Scores {
  if (gold.length !== predicted.length) throw new RangeError('label arrays differ in length');
  const goldSizes = countBy(gold);
  const predSizes = countBy(predicted);
  const cells = countBy(gold.map((g, i) => `${g}\u0000${predicted[i]!}`));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const truePairs = sum(cells);
  const goldPairs = sum(goldSizes);
  const predictedPairs = sum(predSizes);
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = goldPairs === 0 ? 1 : truePairs / goldPairs;

  let bp = 0;
  let br = 0;
  for (let i = 0; i < gold.length; i++) {
    const overlap = cells.get(`${gold[i]!}\u0000${predicted[i]!}`)!;
    bp += overlap / predSizes.get(predicted[i]!)!;
    br += overlap / goldSizes.get(gold[i]!)!;
  }
  const n = gold.length || 1;
  const expected = (goldPairs * predictedPairs) / (pairs(gold.length) || 1);
  const maxIndex = (goldPairs + predictedPairs) / 2;
  const ari = maxIndex === expected ? 1 : (truePairs - expected) / (maxIndex - expected);
  return {
    documents: gold.length,
    pairwise: { precision, recall, f1: f1(precision, recall), truePairs, predictedPairs, goldPairs },
    bcubed: { precision: bp / n, recall: br / n, f1: f1(bp / n, br / n) },
    ari,
  };
}

export function formatScores(name: string, s: Scores): string {
  const p = (x: number) => x.toFixed(4);
  return [
    `${name}: ${s.documents} documents`,
    `  pairwise  P ${p(s.pairwise.precision)}  R ${p(s.pairwise.recall)}  F1 ${p(s.pairwise.f1)}` +
      `  (true ${s.pairwise.truePairs}, predicted ${s.pairwise.predictedPairs}, gold ${s.pairwise.goldPairs} pairs)`,
    `  B-cubed   P ${p(s.bcubed.precision)}  R ${p(s.bcubed.recall)}  F1 ${p(s.bcubed.f1)}`,
    `  ARI       ${p(s.ari)}`,
  ].join('\n');
}
