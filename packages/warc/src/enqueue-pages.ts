import type { Queue } from 'bullmq';
import type { RedisClient } from '@newsflow/runtime';
import { CleanJobSchema, identityOrUndefined, jobIds } from '@newsflow/contracts';
import type { CleanJob } from '@newsflow/contracts';
import { putRaw, rawKeyFor } from '@newsflow/runtime';
import type { StageQueue } from '@newsflow/runtime';
import type { RecordMeta } from './read-warc.ts';
import type { WarcSkipReason } from './record-filter.ts';

/** An archived HTML page the filter took, waiting to be handed to the clean stage. */
export interface ArchivedPage {
  meta: RecordMeta;
  body: Uint8Array;
}

export interface EnqueueDeps {
  redis: RedisClient;
  cleanQueue: StageQueue<'clean'>;
  prefix: string;
  /** The docIds among these that the index already holds; absent, nothing counts as indexed. */
  indexedAmong?: (docIds: string[]) => Promise<Set<string>>;
}

export interface BatchOutcome {
  kept: number;
  skipped: Partial<Record<WarcSkipReason, number>>;
}

/**
 * Clean jobs for a batch of pages, under their deterministic ids (jobIds.clean), with the archive's
 * fetch time and URL. Pages whose job exists already or whose document is indexed are skipped
 * before their raw page is written, so a re-run of the same archive writes and adds nothing.
 */
export async function enqueuePages(
  pages: readonly ArchivedPage[],
  deps: EnqueueDeps,
  submittedAt: Date,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { kept: 0, skipped: {} };
  const skip = (reason: WarcSkipReason): void => void (outcome.skipped[reason] = (outcome.skipped[reason] ?? 0) + 1);
  const jobs = new Map<string, { job: CleanJob; body: Uint8Array }>();
  for (const page of pages) {
    const job = cleanJobOf(page.meta, deps.prefix, submittedAt);
    if (!job) skip('invalid-url');
    else if (jobs.has(job.docId)) skip('already-queued');
    else jobs.set(job.docId, { job, body: page.body });
  }
  const indexed = deps.indexedAmong ? await deps.indexedAmong([...jobs.keys()]) : new Set<string>();
  const queued = await existingJobs(
    deps.redis,
    deps.cleanQueue,
    [...jobs.values()].map(({ job }) => job),
  );
  const fresh = [...jobs.values()].filter(({ job }) => {
    if (indexed.has(job.docId)) return (skip('already-indexed'), false);
    if (queued.has(job.docId)) return (skip('already-queued'), false);
    return true;
  });
  await Promise.all(fresh.map(({ job, body }) => putRaw(deps.redis, job.rawKey, body)));
  const bulk = fresh.map(({ job }) => ({ name: 'clean', data: job, opts: { jobId: jobIds.clean(job) } }));
  if (bulk.length) await (deps.cleanQueue as Queue).addBulk(bulk);
  outcome.kept = fresh.length;
  return outcome;
}

function cleanJobOf(meta: RecordMeta, prefix: string, submittedAt: Date): CleanJob | undefined {
  const identity = identityOrUndefined(meta.targetUri);
  if (!identity) return undefined;
  const job: CleanJob = {
    docId: identity.docId,
    url: identity.url,
    finalUrl: meta.targetUri,
    status: meta.status,
    fetchedAt: new Date(meta.date).toISOString(),
    submittedAt: submittedAt.toISOString(),
    redirects: [],
    rawKey: rawKeyFor(prefix, identity.docId),
    ...(meta.contentType ? { contentType: meta.contentType } : {}),
    ...(meta.etag ? { etag: meta.etag } : {}),
    ...(meta.lastModified ? { lastModified: meta.lastModified } : {}),
  };
  return CleanJobSchema.safeParse(job).success ? job : undefined;
}

/** docIds whose clean job is still known to BullMQ (waiting, running, or kept after completion). */
async function existingJobs(
  redis: RedisClient,
  queue: StageQueue<'clean'>,
  jobs: readonly CleanJob[],
): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  const pipeline = redis.pipeline();
  for (const job of jobs) pipeline.exists(queue.toKey(jobIds.clean(job)));
  const answers = (await pipeline.exec()) ?? [];
  return new Set(jobs.filter((_, index) => answers[index]?.[1] === 1).map((job) => job.docId));
}
