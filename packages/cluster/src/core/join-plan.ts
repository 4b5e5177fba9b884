// Which clusters a document joins, from the verified evidence of its candidates. Pure: the driver
// (assign-driver.ts) collects the evidence over the commit rounds, and the backend commits the plan.
//
// A document that matches several clusters joins the closest: a whole-document copy, else the
// member whose passages it holds the largest share of (rankedCopyClusters). Another matched
// cluster merges into it only on evidence between the two clusters' members — a whole-document
// copy verdict between them, or passages of the new document that both hold. A roundup quoting one
// part of each of two stories is matched by disjoint passages: it bridges them, and a bridge alone
// never merges stories. The clusters it does not join are recorded as related.
import type { ClusterTuning } from './tuning.ts';
import { passageCopy, verifyCopy } from './verify.ts';
import type { Sketch } from './verify.ts';

export interface Evidence {
  docId: string;
  cluster: string;
  sketch: Sketch;
  /** Indexes of the new document's passage fingerprints this candidate holds. */
  hits: readonly number[];
  /** A copy by the whole-document sketch. */
  whole: boolean;
  /** A copy by the whole-document sketch or by shared passages. */
  isCopy: boolean;
  /** The candidate joined its cluster by a part of its text only (see JoinPlan.partial). */
  partial: boolean;
  /** Members of the candidate's cluster. */
  clusterSize: number;
}

export interface JoinPlan {
  /** Candidates whose clusters the document joins (they merge into one). */
  matches: string[];
  /** One candidate per other cluster the document shares passages with, or matched but not merged. */
  related: string[];
  /**
   * The document joins by a part of its text only (an excerpt inside other text, a roundup): the
   * rest is not its cluster's text, so a later document sharing only that rest with it is not
   * let in through it.
   */
  partial: boolean;
  /**
   * Members of the joined cluster this document shows to be partial: it holds most of what they
   * share with it, and they hold other text besides (an excerpt that arrived before its source, a
   * roundup before the story it quotes).
   */
  markPartial: string[];
}

function overlap(a: readonly number[], b: readonly number[]): number {
  const set = new Set(a);
  return b.reduce((n, i) => n + (set.has(i) ? 1 : 0), 0);
}

/**
 * Evidence that two candidates of different clusters are copies of each other, not just each of
 * the new document: their MinHash sketches verify, or the passages of ours that both hold (a lower
 * bound of what they share) make a copy by the same rule as ours with each of them — between
 * members that are their clusters' text throughout (not partial).
 */
export function membersAgree(a: Evidence, b: Evidence, tuning: ClusterTuning): boolean {
  if (verifyCopy(a.sketch, b.sketch, tuning).isCopy) return true;
  if (a.partial || b.partial) return false;
  const shared = overlap(a.hits, b.hits);
  return passageCopy({ shared, mine: a.sketch.passageCount, theirs: b.sketch.passageCount }, tuning);
}

/**
 * Whether a copy verdict lets the document into the candidate's cluster. A whole-document copy
 * always does. By passages, the shared text must be the cluster's: if the candidate is partial
 * (joined by a part), another member must hold those passages too; and a cluster of several
 * members must see evidence from two of them, so a roundup that opened a cluster and then
 * drew in one story's article does not also draw in another story's. And a document that holds
 * only part of the candidate's text (the candidate is an excerpt of it with other text besides)
 * joins only a candidate alone in its cluster: a member already joined by other text is a roundup.
 */
function enters(e: Evidence, all: readonly Evidence[], passageCount: number, tuning: ClusterTuning): boolean {
  if (!e.isCopy) return false;
  if (e.whole) return true;
  if (sourceOfPart(e, passageCount, tuning) && (e.partial || e.clusterSize > 1)) return false;
  const others = all.filter((f) => f !== e && f.cluster === e.cluster);
  if (e.partial && !others.some((f) => overlap(e.hits, f.hits) >= tuning.minSharedPassages)) return false;
  const witnesses = 1 + others.filter((f) => f.isCopy || f.hits.length >= tuning.minSharedPassages).length;
  return witnesses >= Math.min(2, e.clusterSize);
}

/** The candidate is the excerpt side (its share covered is the larger) and carries other text. */
function sourceOfPart(e: Evidence, passageCount: number, tuning: ClusterTuning): boolean {
  const mine = e.hits.length / Math.max(1, passageCount);
  const theirs = e.hits.length / Math.max(1, e.sketch.passageCount);
  return theirs > mine && theirs < tuning.minWholeCover;
}

/** How much of a candidate is our text: a whole-document copy above any copy by passages, then the share of its passages we hold. */
function closeness(e: Evidence): number {
  return (e.whole ? 1 : 0) + e.hits.length / Math.max(1, e.sketch.passageCount) / 2;
}

/**
 * Copy candidates by cluster, the closest first: the cluster with a member that is most our text
 * (a whole copy, else the largest share of its passages ours), then most shared passages, then
 * first seen. Of our excerpt (mostly our text) and a roundup quoting a part of us, both alone in
 * their clusters, the excerpt is the one to join: the roundup's rest is other stories.
 */
function rankedCopyClusters(entering: readonly Evidence[]): Evidence[][] {
  const groups = [...Map.groupBy(entering, (e) => e.cluster).values()];
  const close = (group: Evidence[]) => Math.max(...group.map(closeness));
  const shared = (group: Evidence[]) => Math.max(...group.map((e) => e.hits.length));
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => close(b.g) - close(a.g) || shared(b.g) - shared(a.g) || a.i - b.i)
    .map((x) => x.g);
}

/**
 * Of a document and the member it joins by passages, the one whose text the shared passages cover
 * more is the excerpt; it is partial if they do not cover nearly all of it. The other is the source.
 */
function partialSides(
  best: readonly Evidence[],
  passageCount: number,
  tuning: ClusterTuning,
): Pick<JoinPlan, 'partial' | 'markPartial'> {
  const strongest = best.reduce((a, b) => (b.hits.length > a.hits.length ? b : a));
  if (strongest.whole) return { partial: strongest.partial, markPartial: [] };
  if (!sourceOfPart(strongest, passageCount, tuning)) {
    const mine = strongest.hits.length / Math.max(1, passageCount);
    return { partial: mine < tuning.minWholeCover, markPartial: [] };
  }
  return { partial: false, markPartial: strongest.partial ? [] : [strongest.docId] };
}

export function planJoin(evidence: readonly Evidence[], passageCount: number, tuning: ClusterTuning): JoinPlan {
  const entering = evidence.filter((e) => enters(e, evidence, passageCount, tuning));
  const [best, ...others] = rankedCopyClusters(entering);
  const joined: Evidence[] = [...(best ?? [])];
  const matches = best === undefined ? [] : [best[0]!.docId];
  const related: string[] = [];
  for (const group of others) {
    const agrees = group.some((e) => joined.some((j) => membersAgree(e, j, tuning)));
    if (agrees) {
      joined.push(...group);
      matches.push(group[0]!.docId);
    } else related.push(group[0]!.docId);
  }
  const decided = new Set(entering.map((e) => e.cluster));
  for (const e of evidence) {
    if (decided.has(e.cluster) || e.hits.length < tuning.minSharedPassages) continue;
    decided.add(e.cluster);
    related.push(e.docId);
  }
  const sides = best === undefined ? { partial: false, markPartial: [] } : partialSides(best, passageCount, tuning);
  return { matches, related, ...sides };
}
