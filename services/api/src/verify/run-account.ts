// Where every accepted document ended, read from the pipeline's own state: the index (by id, and by
// URL for copies under another id), and each document's BullMQ job records down the chain. The one
// place this is counted: `GET /api/verify` (newsflow verify) and the end-to-end suites use it.
import type { Queue } from 'bullmq';
import { QUEUE_NAMES, jobIdFor, reasonOf } from '@newsflow/contracts';
import type { AccountCounts, QueueName } from '@newsflow/contracts';
import { queueKey } from '@newsflow/runtime';
import type { RedisClient, StageQueues } from '@newsflow/runtime';
import type { Client } from '@newsflow/search';

export interface AccountSources {
  redis: RedisClient;
  /** the stage queues, asked through BullMQ for their counts and failed jobs */
  queues: StageQueues;
  elasticsearch: Client;
  /** NEWSFLOW_QUEUE_PREFIX */
  queuePrefix: string;
  /** the read alias (every index version behind it is searched) */
  readAlias: string;
}

export interface RunAccount {
  /** documents accounted for */
  total: number;
  indexed: number;
  /** by "queue/reason code" */
  failed: Record<string, number>;
  /** completed by a stage that handed nothing on (e.g. not an article), by "after queue" */
  skipped: Record<string, number>;
  /** not ended yet: a job of theirs is waiting, active or delayed, or the index queue is still busy */
  pending: string[];
  /** ended nowhere: not indexed, not failed, not skipped, nothing left to run for them */
  lost: string[];
  /** extra copies: the same id twice behind the alias, or the same URL indexed under another id */
  duplicated: number;
  /** documents in the index that are none of these (meaningful when the index holds only this run) */
  outside: number;
  /** clusterId of each indexed docId */
  clusters: Map<string, string>;
}

/** The account's figures as every report prints them: lists counted, tables as they are. */
export function accountCounts(account: RunAccount): AccountCounts {
  return {
    indexed: account.indexed,
    failed: account.failed,
    skipped: account.skipped,
    pending: account.pending.length,
    lost: account.lost.length,
    duplicated: account.duplicated,
  };
}

type Ending = { kind: 'failed' | 'skipped'; reason: string } | { kind: 'pending' | 'lost' };

const CHAIN = ['fetch', 'clean', 'dedupe', 'index'] as const;
const PARALLEL = 100;
const BUSY_STATES = ['waiting', 'active', 'delayed', 'prioritized'] as const;

export async function accountDocuments(sources: AccountSources, docIds: readonly string[]): Promise<RunAccount> {
  // asked before the index is read: idle then means every upsert so far is done and visible below
  const indexBusy = await queueBusy(sources, 'index');
  const hits = await indexedHits(sources, docIds);
  const urlCopies = await sameUrlCopies(sources, hits.urls);
  const { count } = await sources.elasticsearch.count({ index: sources.readAlias });
  const account: RunAccount = {
    total: docIds.length,
    indexed: 0,
    failed: {},
    skipped: {},
    pending: [],
    lost: [],
    duplicated: hits.sameIdCopies + urlCopies,
    outside: Math.max(0, count - hits.hitCount - urlCopies),
    clusters: hits.clusters,
  };
  const rest = docIds.filter((docId) => !hits.clusters.has(docId));
  const indexFailures = rest.length > 0 ? await failedUpserts(sources) : new Map<string, string>();
  const lostOnce: string[] = [];
  for (let i = 0; i < rest.length; i += PARALLEL) {
    const slice = rest.slice(i, i + PARALLEL);
    const endings = await Promise.all(slice.map((docId) => endingOf(sources, docId, indexBusy, indexFailures)));
    endings.forEach((ending, j) => {
      if ('reason' in ending) account[ending.kind][ending.reason] = (account[ending.kind][ending.reason] ?? 0) + 1;
      else (ending.kind === 'lost' ? lostOnce : account.pending).push(slice[j]!);
    });
  }
  // a document indexed while the chain was being read is not lost: look for those once more
  const late = lostOnce.length > 0 ? await indexedHits(sources, lostOnce) : undefined;
  for (const docId of lostOnce) if (!late?.clusters.has(docId)) account.lost.push(docId);
  for (const [docId, clusterId] of late?.clusters ?? []) account.clusters.set(docId, clusterId);
  account.indexed = account.clusters.size;
  return account;
}

/** docId -> "index/<reason>" for every document of an upsert job that failed for good. */
async function failedUpserts(sources: AccountSources): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  for (const job of await sources.queues.index.getFailed(0, -1)) {
    const reason = `index/${reasonOf(job.failedReason)}`;
    // relabel jobs carry no documents, and a payload that failed validation may lack them too
    const documents = (job.data as { documents?: Array<{ docId: string }> }).documents ?? [];
    for (const { docId } of documents) failures.set(docId, reason);
  }
  return failures;
}

interface IndexedHits {
  clusters: Map<string, string>;
  /** url of each indexed docId */
  urls: Map<string, string>;
  hitCount: number;
  sameIdCopies: number;
}

async function indexedHits(sources: AccountSources, docIds: readonly string[]): Promise<IndexedHits> {
  const { elasticsearch: es, readAlias: index } = sources;
  await es.indices.refresh({ index });
  const found: IndexedHits = { clusters: new Map(), urls: new Map(), hitCount: 0, sameIdCopies: 0 };
  for (let i = 0; i < docIds.length; i += 1000) {
    const values = docIds.slice(i, i + 1000);
    const result = await es.search<{ clusterId: string; url: string }>({
      index,
      query: { ids: { values } },
      _source: ['clusterId', 'url'],
      // every copy, should the alias point at two versions holding the same id
      size: values.length * 2,
    });
    for (const hit of result.hits.hits) {
      if (!hit._id || !hit._source) continue;
      found.hitCount++;
      if (found.clusters.has(hit._id)) found.sameIdCopies++;
      found.clusters.set(hit._id, hit._source.clusterId);
      found.urls.set(hit._id, hit._source.url);
    }
  }
  return found;
}

/** Documents whose URL is that of an indexed document but whose id is another. */
async function sameUrlCopies(sources: AccountSources, urls: ReadonlyMap<string, string>): Promise<number> {
  const entries = [...urls];
  let copies = 0;
  for (let i = 0; i < entries.length; i += 1000) {
    const slice = entries.slice(i, i + 1000);
    const { count } = await sources.elasticsearch.count({
      index: sources.readAlias,
      query: {
        bool: {
          filter: [{ terms: { url: slice.map(([, url]) => url) } }],
          must_not: [{ ids: { values: slice.map(([docId]) => docId) } }],
        },
      },
    });
    copies += count;
  }
  return copies;
}

/**
 * Follows a document's jobs down the chain: a job failed for good (its reason code), one that
 * completed without a job for the next stage (skipped), one not finished yet (pending). After a
 * completed dedupe job the document is in an upsert job: failed with that job's reason, pending
 * while the index queue still has work, lost once it has none. No fetch job at all is lost too (accepted, never queued).
 */
async function endingOf(
  sources: AccountSources,
  docId: string,
  indexBusy: boolean,
  indexFailures: ReadonlyMap<string, string>,
): Promise<Ending> {
  const { redis, queuePrefix: prefix } = sources;
  for (let i = 0; i < 3; i++) {
    const queue = CHAIN[i]!;
    const next = CHAIN[i + 1]!;
    const key = queueKey(prefix, queue, jobIdFor(queue, docId));
    const [failedReason, finishedOn, name] = await redis.hmget(key, 'failedReason', 'finishedOn', 'name');
    if (name === null) return { kind: i === 0 ? 'lost' : 'pending' };
    if (!finishedOn) return { kind: 'pending' };
    if (failedReason) return { kind: 'failed', reason: `${queue}/${reasonOf(failedReason)}` };
    if (next === 'index') {
      const reason = indexFailures.get(docId);
      return reason ? { kind: 'failed', reason } : { kind: indexBusy ? 'pending' : 'lost' };
    }
    if ((await redis.exists(queueKey(prefix, next, jobIdFor(next, docId)))) === 0)
      return { kind: 'skipped', reason: `after ${queue}` };
  }
  return { kind: 'lost' };
}

/** Whether the queue still has work: a job waiting, running, delayed or prioritized. */
async function queueBusy(sources: AccountSources, queue: QueueName): Promise<boolean> {
  const counts = await (sources.queues[queue] as Queue).getJobCounts(...BUSY_STATES);
  return Object.values(counts).some((count) => count > 0);
}

/** Jobs active in each queue (a job left active by a dead worker would show here). */
export async function activeJobs(queues: StageQueues): Promise<Record<QueueName, number>> {
  const counts = await Promise.all(QUEUE_NAMES.map((name) => queues[name].getActiveCount()));
  return Object.fromEntries(QUEUE_NAMES.map((name, i) => [name, counts[i] ?? 0])) as Record<QueueName, number>;
}
