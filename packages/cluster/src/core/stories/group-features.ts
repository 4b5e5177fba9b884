// What the repair pass weighs before joining two groups of articles: how their members' pairs
// scored (mean, best, and the share of cross pairs that were scored at all) and how their
// centroids agree signal by signal. A group's centroid (the sum of its members' unit vectors)
// keeps what its write-ups repeat — the event's own names, dates and numbers — and dilutes what
// one write-up alone says, so two same-kind events that share vocabulary pair by pair still
// differ at the centroid. A logistic regression over these (`model.group`) is learned offline
// (eval/stories/train-story-model.ts), like the pair model.
import type { WeightedProfile } from './similarity.ts';

const SIGNALS = ['terms', 'lead', 'names', 'places', 'numbers', 'dates'] as const;
type Signal = (typeof SIGNALS)[number];

export const GROUP_FEATURES = ['meanP', 'maxP', 'linked', ...SIGNALS, 'smaller'] as const;
export type GroupFeatures = Record<(typeof GROUP_FEATURES)[number], number>;

export interface GroupModel {
  bias: number;
  weights: GroupFeatures;
}

/** Pair probabilities between two groups, summed over the cross pairs that were scored. */
export interface Link {
  sum: number;
  max: number;
  count: number;
}

/**
 * One signal's sum of unit vectors, with its squared norm computed once per change (a group is
 * compared with many others between two joins). A single member's sum is its own vector, shared
 * until the first join copies it.
 */
export interface SignalSum {
  weights: Map<string, number>;
  owned: boolean;
  /** NaN when stale. */
  norm2: number;
}

/** Per signal, the sum of the members' unit vectors. */
export type Centroid = Record<Signal, SignalSum>;

export function centroidOf(profile: WeightedProfile): Centroid {
  const sum = (s: Signal): SignalSum => ({ weights: profile[s], owned: false, norm2: NaN });
  return Object.fromEntries(SIGNALS.map((s) => [s, sum(s)])) as Centroid;
}

/** Folds `other` into `into` (a join). */
export function addCentroid(into: Centroid, other: Centroid): void {
  for (const s of SIGNALS) {
    const sum = into[s];
    if (!sum.owned) [sum.weights, sum.owned] = [new Map(sum.weights), true];
    const target = sum.weights;
    for (const [key, weight] of other[s].weights) target.set(key, (target.get(key) ?? 0) + weight);
    sum.norm2 = NaN;
  }
}

function norm2(sum: SignalSum): number {
  if (Number.isNaN(sum.norm2)) {
    sum.norm2 = 0;
    for (const weight of sum.weights.values()) sum.norm2 += weight * weight;
  }
  return sum.norm2;
}

function cosine(x: SignalSum, y: SignalSum): number {
  const [a, b] = [x.weights, y.weights];
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [key, weight] of small) dot += weight * (large.get(key) ?? 0);
  const [na, nb] = [norm2(x), norm2(y)];
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function groupFeatures(link: Link, sizes: readonly [number, number], a: Centroid, b: Centroid): GroupFeatures {
  const centroid = Object.fromEntries(SIGNALS.map((s) => [s, cosine(a[s], b[s])])) as Record<Signal, number>;
  return {
    meanP: link.sum / (sizes[0] * sizes[1]),
    maxP: link.max,
    linked: link.count / (sizes[0] * sizes[1]),
    ...centroid,
    smaller: Math.log(Math.min(...sizes)),
  };
}

export function groupProbability(model: GroupModel, features: GroupFeatures): number {
  let z = model.bias;
  for (const name of GROUP_FEATURES) z += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}
