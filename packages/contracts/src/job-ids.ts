import { createHash } from 'node:crypto';
import type { DiscoveryJob, FetchJob, IndexJob, PollKind, UpsertRef } from './jobs.ts';

/**
 * Every BullMQ job id, in one place. Each is a pure function of the job's payload, so handing the
 * same output on twice (a replayed job, a worker that died before completing) adds nothing.
 */
export const jobIds = {
  /**
   * An article fetch; a re-fetch of a raw page that expired is tied to the clean job that asked, a
   * scheduled re-crawl to its step of the schedule.
   */
  fetch: (job: FetchJob): string =>
    job.source.kind === 'replay' && job.source.ref !== undefined
      ? `${jobIdFor('fetch', job.docId)}-refetch-${digest(job.source.ref, 16)}`
      : jobIdFor('fetch', withRecrawl(job)),
  /** One poll of a feed or sitemap: the same one submitted (or found in an index) at the same time. */
  feed: (job: DiscoveryJob): string => discoveryJobId('feed', job),
  sitemap: (job: DiscoveryJob): string => discoveryJobId('sitemap', job),
  site: (job: DiscoveryJob): string => discoveryJobId('site', job),
  section: (job: DiscoveryJob): string => discoveryJobId('section', job),
  /** The rendered page of a JavaScript shell is a clean job of its own: the shell's clean job still holds its id. */
  clean: (job: { docId: string; rendered?: true; recrawl?: number }): string =>
    job.rendered ? jobIdFor('clean', `${withRecrawl(job)}-rendered`) : jobIdFor('clean', withRecrawl(job)),
  render: (job: { docId: string; recrawl?: number }): string => jobIdFor('render', withRecrawl(job)),
  dedupe: (job: { docId: string; recrawl?: number }): string => jobIdFor('dedupe', withRecrawl(job)),
  index: (job: IndexJob): string =>
    job.kind === 'upsert'
      ? upsertJobIdFor(job.documents)
      : job.kind === 'relabel'
        ? relabelJobIdFor(job.clusterId, job.mergeSeq)
        : jobIdFor('index', `story-${job.storyId}-s${job.storyMergeSeq}`),
  /** The job scheduler that re-polls a feed or sitemap, and the adaptive poller's name for a source. */
  scheduler: (kind: PollKind, docId: string): string => `${kind}-${docId}`,
  /**
   * Upserts of one resend run (POST /api/resend): a fresh run, its own id, sends documents
   * already sent by an earlier one.
   */
  resendUpsert: (refs: ReadonlyArray<Pick<UpsertRef, 'docId' | 'version'>>, runId: string): string =>
    `${upsertJobIdFor(refs)}-resend-${runId}`,
};

/**
 * The document's id, with its re-crawl step when it is one: `<docId>-r<step>` (a first fetch keeps
 * the bare docId, so every id minted before re-crawls existed still means the same job). Also the
 * raw page's key suffix, so a re-fetch never reads the first fetch's page.
 */
export function withRecrawl(job: { docId: string; recrawl?: number }): string {
  return job.recrawl === undefined ? job.docId : `${job.docId}-r${job.recrawl}`;
}

/** Deterministic BullMQ job id for a document at a stage, so enqueueing twice is harmless. */
export function jobIdFor(stage: string, docId: string): string {
  return `${stage}-${docId}`;
}

/**
 * Deterministic id of an upsert job: a replay of the same documents at the same versions is a
 * no-op, while a newer fetch of the same documents is a new job (its content differs).
 */
export function upsertJobIdFor(refs: ReadonlyArray<Pick<UpsertRef, 'docId' | 'version'>>): string {
  const keys = [...new Set(refs.map((ref) => `${ref.docId}-v${ref.version}`))].sort();
  if (keys.length === 1) return jobIdFor('index', keys[0]!);
  return `index-b-${digest(keys.join(','), 32)}`;
}

/** One relabel job per cluster merge: its id names the merge. */
function relabelJobIdFor(clusterId: string, mergeSeq: number): string {
  return jobIdFor('index', `${clusterId}-m${mergeSeq}`);
}

function discoveryJobId(kind: 'site' | PollKind, job: DiscoveryJob): string {
  return `${kind}-${job.docId}-${Date.parse(job.submittedAt)}`;
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
