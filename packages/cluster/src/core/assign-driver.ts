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
import { verifyCopy } from './verify.ts';
import type { Sketch } from './verify.ts';

export interface Candidate extends Sketch {
  docId: string;
}

export interface CommitRequest {
  docId: string;
  /** 0 for a document's first commit: the backend then also prunes expired documents. */
  round: number;
  fingerprint: Fingerprint;
  /** Candidates verified as copies. */
  matches: readonly string[];
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

export async function assignWith(
  backend: ClusterBackend,
  input: ClusterInput,
  tuning: ClusterTuning,
): Promise<ClusterDecision> {
  checkDocId(input.docId);
  const print = fingerprint(input, tuning);
  const matches: string[] = [];
  const seen: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = await backend.commit({ docId: input.docId, round, fingerprint: print, matches, seen });
    if (result.kind === 'done') return result.decision;
    for (const candidate of result.candidates) {
      seen.push(candidate.docId);
      if (verifyCopy(print, candidate, tuning).isCopy) matches.push(candidate.docId);
    }
  }
  throw new Error(`assign(${input.docId}): candidates kept changing for ${MAX_ROUNDS} rounds`);
}
