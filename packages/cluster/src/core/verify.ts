import { estimateJaccard } from './minhash.ts';
import type { ClusterTuning } from './tuning.ts';

/** The whole-document sketch: MinHash signature and shingle count. */
export interface WholeSketch {
  signature: Uint16Array;
  shingleCount: number;
}

export interface Sketch extends WholeSketch {
  /** Passage fingerprints the document indexed (core/passages.ts). */
  passageCount: number;
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

/** What the passage index says about one candidate: fingerprints shared, and each side's count. */
export interface PassageEvidence {
  shared: number;
  mine: number;
  theirs: number;
}

/**
 * A copy by passages: enough shared fingerprints, covering most of either side. An excerpt inside
 * another outlet's text is mostly covered by its source (or covers most of a short source); two
 * write-ups sharing a quote, or a roundup quoting a paragraph of each of several stories, are not.
 */
export function passageCopy(evidence: PassageEvidence, tuning: ClusterTuning): boolean {
  const { shared, mine, theirs } = evidence;
  if (shared < tuning.minSharedPassages) return false;
  return shared >= tuning.minPassageCover * mine || shared >= tuning.minPassageCover * theirs;
}

export function verifyCopy(a: WholeSketch, b: WholeSketch, tuning: ClusterTuning): Verdict {
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
