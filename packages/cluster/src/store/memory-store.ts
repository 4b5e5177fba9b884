// In-process backend with the same semantics as the Redis Lua scripts (commit.lua, prune.lua): used by
// the evaluation and by tests of the decision procedure. Keep the two in step; the eval's
// --redis mode compares them on the same data.
import { assignWith } from '../core/assign-driver.ts';
import type { Candidate, ClusterBackend, CommitRequest, CommitResult } from '../core/assign-driver.ts';
import { bandKeys } from '../core/bands.ts';
import { signatureToBytes } from '../core/minhash.ts';
import type { Sketch } from '../core/verify.ts';
import type { ClusterDecision, ClusterInput, ClusterStore } from '../types.ts';
import { CANDIDATES_PER_CLUSTER, resolveOptions } from './options.ts';
import type { ClusterStoreOptions, ResolvedOptions } from './options.ts';

interface DocRecord {
  cluster: string;
  seq: number;
  time: number;
  sketch: Sketch | null;
  bands: string[];
  textHash: string;
  urlKey: string;
  isNew: boolean;
  duplicateOf: string;
  mergeSeq: number;
  relabel: string[];
  passages: Uint32Array;
  related: string[];
  partial: boolean;
}

export class MemoryBackend implements ClusterBackend {
  readonly options: ResolvedOptions;
  readonly now: () => number;
  readonly docs = new Map<string, DocRecord>();
  readonly members = new Map<string, Map<string, number>>();
  readonly buckets = new Map<string, string[]>();
  /** Passage fingerprint -> documents holding it (at most maxPostings). */
  readonly postings = new Map<number, string[]>();
  readonly exact = new Map<string, string>();
  readonly log: { docId: string; time: number }[] = [];
  seq = 0;
  mergeSeq = 0;

  constructor(options: ResolvedOptions, now: () => number = Date.now) {
    this.options = options;
    this.now = now;
  }

  commit(request: CommitRequest): Promise<CommitResult> {
    return Promise.resolve(this.commitSync(request));
  }

  commitSync(request: CommitRequest): CommitResult {
    const now = this.now();
    // As the Redis store sends prune.lua with a document's first commit.
    if (request.round === 0) this.prune(now);
    const existing = this.docs.get(request.docId);
    if (existing) return { kind: 'done', decision: replayDecision(existing) };
    const target = this.exactTarget(request);
    if (target !== undefined) return { kind: 'done', decision: this.addDuplicate(request, target, now) };
    const bands = request.fingerprint.shingleCount === 0 ? [] : this.bandsOf(request);
    const unseen = this.unverifiedCandidates(request, bands);
    if (unseen.length > 0) return { kind: 'verify', candidates: unseen };
    return { kind: 'done', decision: this.addDocument(request, bands, now) };
  }

  private bandsOf(request: CommitRequest): string[] {
    const { bands, rows } = this.options.tuning;
    return bandKeys(signatureToBytes(request.fingerprint.signature), bands, rows);
  }

  private exactTarget(request: CommitRequest): string | undefined {
    for (const key of exactKeys(request)) {
      const target = this.exact.get(key);
      if (target !== undefined && this.docs.has(target)) return target;
    }
    return undefined;
  }

  /** For each document holding some of the request's passages: the indexes of those passages. */
  private passageHits(request: CommitRequest): Map<string, number[]> {
    const hits = new Map<string, number[]>();
    request.fingerprint.passages.forEach((passage, i) => {
      for (const id of this.postings.get(passage) ?? []) hits.set(id, [...(hits.get(id) ?? []), i]);
    });
    return hits;
  }

  /** LSH bucket members, then documents sharing enough passages: candidates in arrival order of the lookup. */
  private lookupIds(request: CommitRequest, bands: string[], hits: Map<string, number[]>): string[] {
    const ids = bands.flatMap((band) => this.buckets.get(band) ?? []);
    for (const [id, found] of hits) if (found.length >= this.options.tuning.minSharedPassages) ids.push(id);
    return ids;
  }

  private unverifiedCandidates(request: CommitRequest, bands: string[]): Candidate[] {
    const seen = new Set(request.seen);
    const matchedClusters = new Set(request.matches.map((id) => this.docs.get(id)?.cluster));
    const hits = this.passageHits(request);
    const out = new Map<string, Candidate>();
    const asked = new Map<string, number>();
    for (const id of this.lookupIds(request, bands, hits)) {
      const doc = this.docs.get(id);
      if (id === request.docId || seen.has(id) || out.has(id) || !doc?.sketch) continue;
      seen.add(id);
      const count = asked.get(doc.cluster) ?? 0;
      if (matchedClusters.has(doc.cluster) || count >= CANDIDATES_PER_CLUSTER) continue;
      asked.set(doc.cluster, count + 1);
      const found = { docId: id, cluster: doc.cluster, hits: hits.get(id) ?? [], partial: doc.partial };
      out.set(id, { ...found, clusterSize: this.memberMap(doc.cluster).size, ...doc.sketch });
    }
    return [...out.values()];
  }

  private addDuplicate(request: CommitRequest, target: string, now: number): ClusterDecision {
    const cluster = this.docs.get(target)!.cluster;
    this.insert(
      request,
      {
        cluster,
        sketch: null,
        bands: [],
        isNew: false,
        duplicateOf: target,
        mergeSeq: 0,
        relabel: [],
        passages: new Uint32Array(0),
        related: [],
        partial: false,
      },
      now,
    );
    return decision(cluster, false, target, 0, [], []);
  }

  private addDocument(request: CommitRequest, bands: string[], now: number): ClusterDecision {
    const clusters = [
      ...new Set(request.matches.map((id) => this.docs.get(id)?.cluster).filter((c) => c !== undefined)),
    ];
    const survivor = clusters.length === 0 ? request.docId : this.oldest(clusters);
    const relabel: string[] = [];
    for (const absorbed of clusters) if (absorbed !== survivor) relabel.push(...this.absorb(absorbed, survivor));
    const mergeSeq = relabel.length > 0 ? ++this.mergeSeq : 0;
    const { signature, shingleCount, passageCount } = request.fingerprint;
    const sketch = shingleCount === 0 ? null : { signature, shingleCount, passageCount };
    const passages = shingleCount === 0 ? new Uint32Array(0) : request.fingerprint.passages;
    const related = this.relatedClusters(request, survivor);
    const isNew = clusters.length === 0;
    this.insert(
      request,
      {
        cluster: survivor,
        sketch,
        bands,
        isNew,
        duplicateOf: '',
        mergeSeq,
        relabel,
        passages,
        related,
        partial: request.partial,
      },
      now,
    );
    this.index(request.docId, bands, passages);
    for (const id of request.markPartial) {
      const member = this.docs.get(id);
      if (member?.cluster === survivor) member.partial = true;
    }
    return decision(survivor, isNew, '', mergeSeq, relabel, related);
  }

  /** The current clusters of the related candidates, but the one joined. */
  private relatedClusters(request: CommitRequest, joined: string): string[] {
    const clusters = request.related.map((id) => this.docs.get(id)?.cluster);
    return [...new Set(clusters.filter((c) => c !== undefined && c !== joined))] as string[];
  }

  private index(docId: string, bands: string[], passages: Uint32Array): void {
    for (const band of bands) {
      const bucket = this.buckets.get(band) ?? [];
      if (bucket.length < this.options.maxBucketSize) this.buckets.set(band, [...bucket, docId]);
    }
    for (const passage of passages) {
      const posting = this.postings.get(passage) ?? [];
      if (posting.length < this.options.maxPostings) this.postings.set(passage, [...posting, docId]);
    }
  }

  private insert(
    request: CommitRequest,
    fields: Omit<DocRecord, 'seq' | 'time' | 'textHash' | 'urlKey'>,
    now: number,
  ): void {
    const seq = ++this.seq;
    const { textHash, urlKey } = request.fingerprint;
    this.docs.set(request.docId, { ...fields, seq, time: now, textHash, urlKey });
    this.memberMap(fields.cluster).set(request.docId, seq);
    this.log.push({ docId: request.docId, time: now });
    for (const key of exactKeys(request)) {
      const current = this.exact.get(key);
      if (current === undefined || !this.docs.has(current)) this.exact.set(key, request.docId);
    }
  }

  /** The cluster whose oldest living member came first survives a merge. */
  private oldest(clusters: string[]): string {
    const age = (c: string) => Math.min(...this.memberMap(c).values());
    return clusters.reduce((best, c) => (age(c) < age(best) ? c : best));
  }

  private absorb(absorbed: string, survivor: string): string[] {
    const moved = this.memberMap(absorbed);
    const target = this.memberMap(survivor);
    for (const [id, seq] of moved) {
      this.docs.get(id)!.cluster = survivor;
      target.set(id, seq);
    }
    this.members.delete(absorbed);
    return [...moved.keys()];
  }

  private memberMap(cluster: string): Map<string, number> {
    let map = this.members.get(cluster);
    if (!map) this.members.set(cluster, (map = new Map()));
    return map;
  }

  private prune(now: number): void {
    const cutoff = now - this.options.retentionMs;
    for (let n = 0; n < this.options.pruneBatch && this.log.length > 0 && this.log[0]!.time < cutoff; n++) {
      this.forget(this.log.shift()!.docId);
    }
  }

  private forget(docId: string): void {
    const doc = this.docs.get(docId);
    if (!doc) return;
    for (const band of doc.bands) dropFrom(this.buckets, band, docId);
    for (const passage of doc.passages) dropFrom(this.postings, passage, docId);
    const members = this.memberMap(doc.cluster);
    members.delete(docId);
    if (members.size === 0) this.members.delete(doc.cluster);
    for (const key of [`h:${doc.textHash}`, `u:${doc.urlKey}`])
      if (this.exact.get(key) === docId) this.exact.delete(key);
    this.docs.delete(docId);
  }
}

function dropFrom<K>(lists: Map<K, string[]>, key: K, docId: string): void {
  const kept = (lists.get(key) ?? []).filter((id) => id !== docId);
  if (kept.length === 0) lists.delete(key);
  else lists.set(key, kept);
}

function exactKeys(request: CommitRequest): string[] {
  const { textHash, urlKey } = request.fingerprint;
  const keys: string[] = [];
  if (urlKey !== '') keys.push(`u:${urlKey}`);
  if (textHash !== '') keys.push(`h:${textHash}`);
  return keys;
}

function decision(
  clusterId: string,
  isNew: boolean,
  duplicateOf: string,
  mergeSeq: number,
  relabel: string[],
  related: string[],
): ClusterDecision {
  return {
    clusterId,
    isNewCluster: isNew,
    ...(duplicateOf === '' ? {} : { duplicateOf }),
    relabel: relabel.length === 0 ? null : { docIds: relabel, clusterId, mergeSeq },
    ...(related.length === 0 ? {} : { relatedClusters: related }),
  };
}

/** A replayed job gets the document's current cluster and the relabel it caused, nothing changes. */
function replayDecision(doc: DocRecord): ClusterDecision {
  return decision(doc.cluster, doc.isNew, doc.duplicateOf, doc.mergeSeq, doc.relabel, doc.related);
}

export interface MemoryClusterStore extends ClusterStore {
  readonly backend: MemoryBackend;
}

export function createMemoryClusterStore(options?: ClusterStoreOptions, now?: () => number): MemoryClusterStore {
  const backend = new MemoryBackend(resolveOptions(options), now);
  return {
    backend,
    assign: (input: ClusterInput) => assignWith(backend, input, backend.options.tuning),
    clusterOf: (docId: string) => Promise.resolve(backend.docs.get(docId)?.cluster ?? null),
    membersOf: (clusterId: string) =>
      Promise.resolve(
        [...(backend.members.get(clusterId) ?? new Map<string, number>())]
          .sort((a, b) => a[1] - b[1])
          .map(([id]) => id),
      ),
  };
}
