import type { PassageTuning } from './passages.ts';

/**
 * Knobs of the copy detector, chosen on the syndication suite and ECB+ (see README). With
 * 3-word shingles and 128 hashes, 42 bands of 3 rows make a pair at Jaccard 0.3 an LSH candidate
 * with probability 0.68, at 0.4 with 0.93 and at 0.5 with 0.996; unrelated articles (Jaccard
 * < 0.02) collide in some band about once in 3,000 pairs and are then rejected by verification.
 * Different articles peaked at Jaccard 0.17 / containment 0.34 on both data sets, well below the
 * verification thresholds.
 */
export interface ClusterTuning extends PassageTuning {
  /** Words per shingle. */
  shingleSize: number;
  /** MinHash values per signature. */
  numHashes: number;
  /** LSH bands; bands * rows must not exceed numHashes. */
  bands: number;
  /** MinHash values per band. */
  rows: number;
  /** A candidate with at least this estimated Jaccard similarity is a copy. */
  minJaccard: number;
  /** ...or if this share of the smaller text is estimated to lie inside the larger (trimmed copies). */
  minContainment: number;
  /** Containment alone counts only when the smaller text has at least this many shingles. */
  minContainedShingles: number;
  /** Containment alone counts only above this estimated Jaccard (guards long vs very short texts). */
  minJaccardForContainment: number;
  /** Passage evidence counts only from this many shared passage fingerprints up. */
  minSharedPassages: number;
  /** ...and makes a copy when the shared passages are this share of either side's fingerprints. */
  minPassageCover: number;
  /** A document whose shared passages cover less than this share of it joined by a part only. */
  minWholeCover: number;
}

export const DEFAULT_TUNING: ClusterTuning = {
  shingleSize: 3,
  numHashes: 128,
  bands: 42,
  rows: 3,
  minJaccard: 0.4,
  minContainment: 0.6,
  minContainedShingles: 30,
  minJaccardForContainment: 0.25,
  passageShingleSize: 4,
  passageWindow: 10,
  minSharedPassages: 4,
  minPassageCover: 0.35,
  minWholeCover: 0.8,
};

export function resolveTuning(overrides: Partial<ClusterTuning> = {}): ClusterTuning {
  const tuning = { ...DEFAULT_TUNING, ...overrides };
  if (tuning.bands * tuning.rows > tuning.numHashes) {
    throw new RangeError(`bands * rows (${tuning.bands * tuning.rows}) exceeds numHashes (${tuning.numHashes})`);
  }
  if (tuning.bands > 255) throw new RangeError('at most 255 bands');
  return tuning;
}
