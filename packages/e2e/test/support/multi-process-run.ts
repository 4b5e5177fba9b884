// A whole-pipeline run with N processes of every stage on any Redis / Elasticsearch topology, and
// the per-URL account that closes it: every submitted URL indexed (exactly once), failed with a
// reason, or skipped with one; nothing else. Shared by the cluster failover test and its bench.
import type { ChildProcess } from 'node:child_process';
import { QUEUE_NAMES, jobIdFor } from '@newsflow/contracts';
import type { QueueName } from '@newsflow/contracts';
import { queueKey } from '@newsflow/runtime';
import type { RedisClient, StageQueues } from '@newsflow/runtime';
import { indexNames } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import { spawnPipeline, spawnService, stopProcesses } from '@newsflow/testkit';

const STAGE_SERVICES = ['fetcher', 'cleaner', 'dedupe', 'indexer'] as const;

export interface StageProcesses {
  apiUrl: string;
  stop(): Promise<void>;
}

/** The environment every process of a run gets, on top of the topology's own variables. */
export function runEnv(backends: Record<string, string>, prefix: string): Record<string, string> {
  return {
    ...backends,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_INDEX_PREFIX: prefix,
    FETCH_ALLOW_PRIVATE: '127.0.0.0/8', // the corpus and seed sites listen on loopback
    FETCH_HOST_DELAY_MS: '20',
    FETCH_HOST_CONCURRENCY: '4',
    // locks outlive a failover's few seconds of failed renewals; a lost one comes back in seconds
    WORKER_LOCK_DURATION_MS: '10000',
    WORKER_STALLED_INTERVAL_MS: '5000',
    LOG_LEVEL: 'error',
  };
}

/** The API once, and `perStage` processes of every stage. */
export async function startStages(env: Record<string, string>, perStage: number): Promise<StageProcesses> {
  const output = (service: string, line: string) => {
    if (process.env.NEWSFLOW_E2E_LOGS) console.error(`[${service}] ${line}`);
  };
  const pipeline = await spawnPipeline({ env, output });
  const extra: ChildProcess[] = [];
  for (let i = 1; i < perStage; i++)
    for (const service of STAGE_SERVICES) extra.push(spawnService(service, { ...process.env, ...env }, output));
  return {
    apiUrl: pipeline.apiUrl,
    stop: async () => {
      await stopProcesses(extra);
      await pipeline.stop();
    },
  };
}

/** POST /api/urls in chunks; the docId of every URL, in order. */
export async function submitUrls(apiUrl: string, urls: readonly string[]): Promise<string[]> {
  const docIds: string[] = [];
  for (let i = 0; i < urls.length; i += 500) {
    const response = await fetch(`${apiUrl}/api/urls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(urls.slice(i, i + 500)),
    });
    if (response.status !== 202)
      throw new Error(`POST /api/urls answered ${response.status}: ${await response.text()}`);
    const { accepted } = (await response.json()) as { accepted: Array<{ docId: string }> };
    docIds.push(...accepted.map((entry) => entry.docId));
  }
  return docIds;
}

export interface RunAccount {
  indexed: number;
  /** by reason code */
  failed: Record<string, number>;
  skipped: Record<string, number>;
  /** submitted URLs with none of the above */
  lost: string[];
  /** documents in the index beyond one per indexed URL */
  duplicated: number;
  /** clusterId of each indexed docId */
  clusters: Map<string, string>;
}

/** Where every submitted document ended. */
export async function accountFor(
  redis: RedisClient,
  es: Client,
  prefix: string,
  docIds: readonly string[],
): Promise<RunAccount> {
  const clusters = await indexedClusters(es, prefix, docIds);
  const account: RunAccount = { indexed: clusters.size, failed: {}, skipped: {}, lost: [], duplicated: 0, clusters };
  const total = (await es.count({ index: indexNames(prefix).readAlias })).count;
  account.duplicated = total - clusters.size;
  for (const docId of docIds) {
    if (clusters.has(docId)) continue;
    const ending = await endingOf(redis, prefix, docId);
    if (!ending) account.lost.push(docId);
    else account[ending.kind][ending.reason] = (account[ending.kind][ending.reason] ?? 0) + 1;
  }
  return account;
}

async function indexedClusters(es: Client, prefix: string, docIds: readonly string[]): Promise<Map<string, string>> {
  const index = indexNames(prefix).readAlias;
  await es.indices.refresh({ index });
  const found = new Map<string, string>();
  for (let i = 0; i < docIds.length; i += 1000) {
    const values = docIds.slice(i, i + 1000);
    const result = await es.search<{ clusterId: string }>({
      index,
      query: { ids: { values } },
      _source: ['clusterId'],
      size: values.length,
    });
    for (const hit of result.hits.hits) if (hit._id && hit._source) found.set(hit._id, hit._source.clusterId);
  }
  return found;
}

const CHAIN = ['fetch', 'clean', 'dedupe', 'index'] as const;

/**
 * Follows a document's jobs down the chain: a job failed for good (its reason code), or one that
 * completed without a job for the next stage (skipped: the stage handed nothing on). Undefined
 * while a job is unfinished, or when the dedupe job completed (the document should be indexed).
 */
async function endingOf(
  redis: RedisClient,
  prefix: string,
  docId: string,
): Promise<{ kind: 'failed' | 'skipped'; reason: string } | undefined> {
  for (let i = 0; i < 3; i++) {
    const queue = CHAIN[i]!;
    const next = CHAIN[i + 1]!;
    const [failedReason, finishedOn] = await redis.hmget(
      queueKey(prefix, queue, jobIdFor(queue, docId)),
      'failedReason',
      'finishedOn',
    );
    if (!finishedOn) return undefined;
    if (failedReason) return { kind: 'failed', reason: `${queue}/${failedReason.split(':', 1)[0] ?? 'unknown'}` };
    if (next === 'index') return undefined;
    if ((await redis.exists(queueKey(prefix, next, jobIdFor(next, docId)))) === 0)
      return { kind: 'skipped', reason: `after ${queue}` };
  }
  return undefined;
}

/** Jobs active in each queue (a job left active by a dead worker would show here). */
export async function activeJobs(queues: StageQueues): Promise<Record<QueueName, number>> {
  const counts = await Promise.all(QUEUE_NAMES.map((name) => queues[name].getActiveCount()));
  return Object.fromEntries(QUEUE_NAMES.map((name, i) => [name, counts[i] ?? 0])) as Record<QueueName, number>;
}

/** Jobs a stage has completed so far (BullMQ's completed set). */
export async function completedJobs(redis: RedisClient, prefix: string, queue: QueueName): Promise<number> {
  return redis.zcard(queueKey(prefix, queue, 'completed'));
}
