// The one decision procedure both stores run. A backend's commit() is atomic (a Lua script in
// Redis, a synchronous function in memory): it either commits the document using the verified
// matches it is given, or — if its LSH buckets hold candidates this caller has not verified yet,
// for instance a copy another worker committed a moment ago — returns them instead. The caller
// verifies them here and commits again. So at the instant a document commits, every candidate
// then in the index has been verified: two workers racing on two copies of one story cannot both
// open a new cluster.
import type { ClusterDecision, ClusterInput } from '../types.ts';
import { fingerprint } from './fingerprint.ts';
import type { Fingerprint } from './fingerprint.ts';
import type { ClusterTuning } from './tuning.ts';
import { planJoin } from './join-plan.ts';
import type { Evidence } from './join-plan.ts';
import { passageCopy, verifyCopy } from './verify.ts';
import type { Sketch } from './verify.ts';

export interface Candidate extends Sketch {
  docId: string;
  cluster: string;
  /** Indexes of the new document's passage fingerprints found in this candidate's postings. */
  hits: number[];
  partial: boolean;
  /** Members of its cluster at lookup time. */
  clusterSize: number;
}

export interface CommitRequest {
  docId: string;
  /** 0 for a document's first commit: the backend then also prunes expired documents. */
  round: number;
  fingerprint: Fingerprint;
  /** Candidates verified as copies whose clusters the document joins (merging them). */
  matches: readonly string[];
  /** Candidates of clusters the document quotes without joining them (relatedClusters). */
  related: readonly string[];
  /** The document joins by a part of its text only (join-plan.ts). */
  partial: boolean;
  /** Members of the joined cluster to mark partial (join-plan.ts). */
  markPartial: readonly string[];
  /** Every candidate verified so far, copy or not. */
  seen: readonly string[];
}

export type CommitResult = { kind: 'done'; decision: ClusterDecision } | { kind: 'verify'; candidates: Candidate[] };

export interface ClusterBackend {
  commit(request: CommitRequest): Promise<CommitResult>;
}

const MAX_ROUNDS = 50;

export function checkDocId(docId: string): void {
  if (docId === '' || /\s/.test(docId))
    throw new TypeError(`docId must be non-empty without whitespace: ${JSON.stringify(docId)}`);
}

/** A candidate's verdict: a whole-document copy by MinHash, or a copy by shared passages. */
function weigh(print: Fingerprint, candidate: Candidate, tuning: ClusterTuning): Evidence {
  const { docId, cluster, hits, signature, shingleCount, passageCount, partial, clusterSize } = candidate;
  const passages = { shared: hits.length, mine: print.passageCount, theirs: passageCount };
  const verdict = verifyCopy(print, candidate, tuning);
  // Near-identical texts join outright; a copy by containment (one text inside a larger one) is
  // held to the join plan's rules on parts, as a copy by passages is.
  const whole = verdict.jaccard >= tuning.minJaccard;
  const isCopy = verdict.isCopy || passageCopy(passages, tuning);
  const sketch = { signature, shingleCount, passageCount };
  return { docId, cluster, hits, whole, isCopy, partial, clusterSize, sketch };
}

export async function assignWith(
  backend: ClusterBackend,
  input: ClusterInput,
  tuning: ClusterTuning,
): Promise<ClusterDecision> {
  checkDocId(input.docId);
  const print = fingerprint(input, tuning);
  const evidence: Evidence[] = [];
  const seen: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const plan = planJoin(evidence, print.passageCount, tuning);
    const result = await backend.commit({ docId: input.docId, round, fingerprint: print, ...plan, seen });
    if (result.kind === 'done') return result.decision;
    for (const candidate of result.candidates) {
      seen.push(candidate.docId);
      evidence.push(weigh(print, candidate, tuning));
    }
  }
  throw new Error(`assign(${input.docId}): candidates kept changing for ${MAX_ROUNDS} rounds`);
}
