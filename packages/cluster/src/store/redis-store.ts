// The shared store: every dedupe worker, on any machine, runs the same decision procedure
// (core/assign-driver.ts) and commits through one Lua script (commit.lua), so Redis serialises the
// commits; retention is a script of its own (prune.lua), sent with a document's first commit.
import { Cluster } from 'ioredis';
import type { Redis } from 'ioredis';
import { clusterStoreKeys } from '@newsflow/contracts';
import { assignWith } from '../core/assign-driver.ts';
import type { Candidate, ClusterBackend, CommitRequest, CommitResult } from '../core/assign-driver.ts';
import { passagesToBytes } from '../core/passages.ts';
import { signatureFromBytes, signatureToBytes } from '../core/minhash.ts';
import type { ClusterDecision, ClusterInput, ClusterStore } from '../types.ts';
import { CANDIDATES_PER_CLUSTER, resolveOptions } from './options.ts';
import type { ClusterStoreOptions, ResolvedOptions } from './options.ts';
import { loadScript } from './scripts.ts';

type Run = (...args: (string | Buffer | number)[]) => Promise<Buffer[]>;
type Prune = (...args: string[]) => Promise<number>;
interface StoreCommands {
  newsflowDedupeCommit?: unknown;
  newsflowDedupeCommitBuffer: Run;
  newsflowDedupePrune: Prune;
}

function commandsOf(redis: Redis | Cluster): { commit: Run; prune: Prune } {
  const commands = redis as unknown as StoreCommands;
  // defineCommand is per connection: define once, then EVALSHA with EVAL fallback is automatic.
  if (commands.newsflowDedupeCommit === undefined) {
    redis.defineCommand('newsflowDedupeCommit', { numberOfKeys: 4, lua: loadScript('commit') });
    redis.defineCommand('newsflowDedupePrune', { numberOfKeys: 1, lua: loadScript('prune') });
  }
  return {
    commit: commands.newsflowDedupeCommitBuffer.bind(redis),
    prune: commands.newsflowDedupePrune.bind(redis),
  };
}

const idList = (text: string | undefined): string[] => (text === undefined || text === '' ? [] : text.split(' '));

function parseDone(reply: Buffer[]): ClusterDecision {
  const [clusterId, isNew, duplicateOf, mergeSeq, relabel, related] = reply.slice(1).map((b) => b.toString());
  const docIds = idList(relabel);
  const relatedClusters = idList(related);
  return {
    clusterId: clusterId!,
    isNewCluster: isNew === '1',
    ...(duplicateOf ? { duplicateOf } : {}),
    relabel: docIds.length === 0 ? null : { docIds, clusterId: clusterId!, mergeSeq: Number(mergeSeq) },
    ...(relatedClusters.length === 0 ? {} : { relatedClusters }),
  };
}

/** Fields per candidate in a refusal (lookup.lua). */
const CANDIDATE_FIELDS = 8;

function parseCandidate(fields: Buffer[]): Candidate {
  const [docId, signature, shingleCount, cluster, passageCount, partial, clusterSize, hits] = fields;
  return {
    docId: docId!.toString(),
    signature: signatureFromBytes(signature!),
    shingleCount: Number(shingleCount!.toString()),
    cluster: cluster!.toString(),
    passageCount: Number(passageCount!.toString()),
    partial: partial!.toString() === '1',
    clusterSize: Number(clusterSize!.toString()),
    hits: idList(hits!.toString()).map(Number),
  };
}

function parseReply(reply: Buffer[]): CommitResult {
  if (reply[0]?.toString() === 'done') return { kind: 'done', decision: parseDone(reply) };
  const candidates: Candidate[] = [];
  for (let i = 1; i + CANDIDATE_FIELDS <= reply.length; i += CANDIDATE_FIELDS)
    candidates.push(parseCandidate(reply.slice(i, i + CANDIDATE_FIELDS)));
  return { kind: 'verify', candidates };
}

export class RedisBackend implements ClusterBackend {
  readonly options: ResolvedOptions;
  readonly commands: { commit: Run; prune: Prune };
  readonly settings: string;

  constructor(redis: Redis | Cluster, options: ResolvedOptions) {
    this.options = options;
    this.commands = commandsOf(redis);
    this.settings = packSettings(options);
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    const { prefix } = this.options;
    const keys = clusterStoreKeys(prefix);
    const print = request.fingerprint;
    const { commit, prune } = this.commands;
    // Sent back to back on one connection (one slot): the prune costs no round trip of its own.
    const pruned = request.round === 0 ? prune(keys.log, prefix, this.settings) : undefined;
    const packed = [
      print.shingleCount,
      print.textHash,
      print.urlKey,
      request.matches.join(' '),
      request.seen.join(' '),
      request.related.join(' '),
      request.partial ? '1' : '0',
      request.markPartial.join(' '),
    ];
    const [, reply] = await Promise.all([
      pruned,
      commit(
        keys.doc(request.docId),
        keys.log,
        keys.seq,
        keys.mseq,
        prefix,
        this.settings,
        request.docId,
        signatureToBytes(print.signature),
        packed.join('\n'),
        passagesToBytes(print.passages),
      ),
    ]);
    return parseReply(reply);
  }
}

/** The scripts' numeric settings in one argument, in the order includes/index.lua unpacks them. */
function packSettings(options: ResolvedOptions): string {
  const { retentionMs, docTtlSeconds, tuning, lshShards, pruneBatch, maxBucketSize, maxPostings } = options;
  return [
    retentionMs,
    docTtlSeconds,
    tuning.bands,
    tuning.rows,
    lshShards,
    pruneBatch,
    CANDIDATES_PER_CLUSTER,
    maxBucketSize,
    tuning.numHashes * 2,
    maxPostings,
    tuning.minSharedPassages,
  ].join(' ');
}

/** What Redis Cluster hashes of a key: the text between its first `{` and the next `}`, if not empty. */
export function hashTagOf(key: string): string | undefined {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : undefined;
}

export function createClusterStore(redis: Redis | Cluster, options?: ClusterStoreOptions): ClusterStore {
  // The script derives most keys from the prefix argument, out of reach of ioredis' keyPrefix:
  // mixing both would write and read different keys.
  if (redis.options.keyPrefix) throw new TypeError('use the prefix option, not a connection with ioredis keyPrefix');
  const resolved = resolveOptions(options);
  // The script reaches keys it finds in the buckets; on a cluster they must share its KEYS' slot.
  if (redis instanceof Cluster && hashTagOf(resolved.prefix) === undefined)
    throw new TypeError(`prefix "${resolved.prefix}" needs a hash tag ({...}) on a Redis Cluster`);
  const backend = new RedisBackend(redis, resolved);
  const { prefix, tuning } = backend.options;
  const keys = clusterStoreKeys(prefix);
  return {
    assign: (input: ClusterInput) => assignWith(backend, input, tuning),
    clusterOf: (docId: string) => redis.hget(keys.doc(docId), 'c'),
    membersOf: (clusterId: string) => redis.zrange(keys.members(clusterId), 0, -1),
  };
}

/** Removes every key under a prefix (tests, eval and bench clean up after themselves), on every master. */
export async function deleteKeys(redis: Redis | Cluster, prefix: string): Promise<number> {
  let deleted = 0;
  for (const server of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, keys] = await server.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      // one key per UNLINK: on a cluster the keys of one page may sit in several slots
      for (const key of keys) deleted += await server.unlink(key);
    } while (cursor !== '0');
  }
  return deleted;
}
