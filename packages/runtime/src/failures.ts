import { QUEUE_NAMES, reasonOf } from '@newsflow/contracts';
import type { QueueName } from '@newsflow/contracts';
import type { StageQueues } from './queues.ts';

export interface FailedQuery {
  queue?: QueueName;
  /** Reason code, the prefix of failedReason (see reasonOf); 'unknown' matches uncoded errors. */
  reason?: string;
  /** Most jobs returned (list) or replayed (retry). */
  limit?: number;
}

export interface FailedJob {
  queue: QueueName;
  jobId: string;
  docId?: string;
  url?: string;
  reason: string;
  failedReason: string;
  attemptsMade: number;
  failedAt?: string;
}

export interface FailedListing {
  /** Failed jobs per queue and reason, over every scanned job. */
  counts: Array<{ queue: QueueName; reason: string; count: number }>;
  jobs: FailedJob[];
  /** True when a queue held more failed jobs than one scan reads, so counts are partial. */
  truncated: boolean;
}

/** How many failed jobs of one queue one listing reads; BullMQ keeps up to 100,000 for 30 days. */
const SCAN_LIMIT = 10_000;
const PAGE = 500;

type FailedEntry = Awaited<ReturnType<StageQueues[QueueName]['getFailed']>>[number];

/** Lists failed jobs, newest first, by queue and reason, with counts per queue and reason. */
export async function listFailed(queues: StageQueues, query: FailedQuery = {}): Promise<FailedListing> {
  const counts = new Map<string, { queue: QueueName; reason: string; count: number }>();
  const jobs: FailedJob[] = [];
  let truncated = false;
  for (const queue of queuesOf(query)) {
    const scan = await scanFailed(queues, queue);
    truncated ||= scan.truncated;
    for (const job of scan.jobs.map((entry) => describe(queue, entry))) {
      if (query.reason !== undefined && job.reason !== query.reason) continue;
      const key = `${queue}|${job.reason}`;
      counts.set(key, { queue, reason: job.reason, count: (counts.get(key)?.count ?? 0) + 1 });
      if (jobs.length < (query.limit ?? 100)) jobs.push(job);
    }
  }
  return { counts: [...counts.values()], jobs, truncated };
}

/** Moves matching failed jobs back to waiting, keeping their ids, so each replays exactly once. */
export async function retryFailed(queues: StageQueues, query: FailedQuery = {}): Promise<{ retried: FailedJob[] }> {
  const retried: FailedJob[] = [];
  const limit = query.limit ?? 1_000;
  for (const queue of queuesOf(query)) {
    const { jobs } = await scanFailed(queues, queue);
    for (const entry of jobs) {
      if (retried.length >= limit) return { retried };
      const job = describe(queue, entry);
      if (query.reason !== undefined && job.reason !== query.reason) continue;
      await entry.retry('failed', { resetAttemptsMade: true });
      retried.push(job);
    }
  }
  return { retried };
}

function queuesOf(query: FailedQuery): readonly QueueName[] {
  return query.queue ? [query.queue] : QUEUE_NAMES;
}

async function scanFailed(queues: StageQueues, queue: QueueName): Promise<{ jobs: FailedEntry[]; truncated: boolean }> {
  const jobs: FailedEntry[] = [];
  for (let start = 0; start < SCAN_LIMIT; start += PAGE) {
    const page = (await queues[queue].getFailed(start, start + PAGE - 1)).filter(Boolean);
    jobs.push(...page);
    if (page.length < PAGE) return { jobs, truncated: false };
  }
  return { jobs, truncated: true };
}

function describe(queue: QueueName, entry: FailedEntry): FailedJob {
  const data = (entry.data ?? {}) as {
    docId?: unknown;
    url?: unknown;
    documents?: Array<{ docId?: unknown; url?: unknown }>;
  };
  // An index job names one document only when it carries one (the indexer re-enqueues rejected documents alone).
  const only = Array.isArray(data.documents) && data.documents.length === 1 ? data.documents[0] : undefined;
  const docId = data.docId ?? only?.docId;
  const url = data.url ?? only?.url;
  return {
    queue,
    jobId: String(entry.id),
    docId: typeof docId === 'string' ? docId : undefined,
    url: typeof url === 'string' ? url : undefined,
    reason: reasonOf(entry.failedReason),
    failedReason: entry.failedReason ?? '',
    attemptsMade: entry.attemptsMade,
    failedAt: entry.finishedOn ? new Date(entry.finishedOn).toISOString() : undefined,
  };
}
