import { estimateJaccard } from './minhash.ts';
import type { ClusterTuning } from './tuning.ts';

export interface Sketch {
  signature: Uint16Array;
  shingleCount: number;
}

export interface Verdict {
  jaccard: number;
  /** Estimated share of the smaller text's shingles found in the larger one. */
  containment: number;
  isCopy: boolean;
}

/**
 * Containment from Jaccard and the two set sizes: |A∩B| = J(|A|+|B|)/(1+J). A copy trimmed to
 * 60% has Jaccard ~0.6 with its source but containment ~1, so it still joins, while two different
 * articles sharing a few stock phrases stay far below both thresholds.
 */
export function estimateContainment(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0) return 0;
  return Math.min(1, (jaccard * (sizeA + sizeB)) / ((1 + jaccard) * smaller));
}

export function verifyCopy(a: Sketch, b: Sketch, tuning: ClusterTuning): Verdict {
  if (a.shingleCount === 0 || b.shingleCount === 0) return { jaccard: 0, containment: 0, isCopy: false };
  const jaccard = estimateJaccard(a.signature, b.signature);
  const containment = estimateContainment(jaccard, a.shingleCount, b.shingleCount);
  const byJaccard = jaccard >= tuning.minJaccard;
  const byContainment =
    containment >= tuning.minContainment &&
    jaccard >= tuning.minJaccardForContainment &&
    Math.min(a.shingleCount, b.shingleCount) >= tuning.minContainedShingles;
  return { jaccard, containment, isCopy: byJaccard || byContainment };
}
