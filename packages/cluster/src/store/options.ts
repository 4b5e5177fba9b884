import { resolveTuning } from '../core/tuning.ts';
import type { ClusterTuning } from '../core/tuning.ts';

export interface ClusterStoreOptions extends Partial<ClusterTuning> {
  /** Key prefix; every key the store writes starts with it. */
  prefix?: string;
  /**
   * How long a document stays a match target, from when it was assigned (default 30 days).
   * Older documents are pruned from the LSH index and their clusters; a later copy then starts
   * a new cluster.
   */
  retentionSeconds?: number;
  /** Expired documents pruned per assign call (amortised cleanup; default 4). */
  pruneBatch?: number;
  /** Hashes the LSH buckets are spread over (Redis only; default 65536, see README). */
  lshShards?: number;
  /** Documents kept per LSH bucket (default 32): later ones with the same band are not added. */
  maxBucketSize?: number;
  /**
   * Documents kept per passage fingerprint (default 8): a passage in more documents is a stock
   * phrase or a story already well represented, and later holders are not added.
   */
  maxPostings?: number;
}

export interface ResolvedOptions {
  prefix: string;
  retentionMs: number;
  /** TTL of per-document keys: a safety net for when no assign runs to prune them. */
  docTtlSeconds: number;
  pruneBatch: number;
  lshShards: number;
  maxBucketSize: number;
  maxPostings: number;
  tuning: ClusterTuning;
}

/** Candidates of one cluster sent for verification per round: one verified copy suffices. */
export const CANDIDATES_PER_CLUSTER = 4;

export const DEFAULT_RETENTION_SECONDS = 30 * 24 * 3600;

export function resolveOptions(options: ClusterStoreOptions = {}): ResolvedOptions {
  const { prefix, retentionSeconds, pruneBatch, lshShards, maxBucketSize, maxPostings, ...tuning } = options;
  const retention = retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
  if (!(retention > 0)) throw new RangeError('retentionSeconds must be positive');
  return {
    prefix: prefix ?? 'newsflow:{cluster}',
    retentionMs: Math.round(retention * 1000),
    docTtlSeconds: Math.ceil(retention * 2),
    pruneBatch: pruneBatch ?? 4,
    lshShards: lshShards ?? 65536,
    maxBucketSize: maxBucketSize ?? 32,
    maxPostings: maxPostings ?? 8,
    tuning: resolveTuning(tuning),
  };
}
