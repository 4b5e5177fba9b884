import type { Queue } from 'bullmq';
import { identityOf, jobIds } from '@newsflow/contracts';
import type { DiscoverKind, DiscoveryJob } from '@newsflow/contracts';
import { FETCH_JOB_OPTIONS } from './queues.ts';
import type { StageQueue } from './queues.ts';

export interface DiscoverySubmission {
  url: string;
  docId: string;
  /** Id of the BullMQ job scheduler re-polling it, when it is re-polled. */
  schedulerId?: string;
}

export interface DiscoveryOptions {
  /** Re-poll interval; without it the feed or sitemap is fetched once. */
  everySeconds?: number;
  ref?: string;
}

type Submit = (queue: StageQueue<'fetch'>, url: string, options?: DiscoveryOptions) => Promise<DiscoverySubmission>;

const submitterOf =
  (kind: DiscoverKind): Submit =>
  (queue, url, options = {}) =>
    submitDiscovery(queue, url, kind, options);

/** Expands an RSS/Atom feed into article fetch jobs now and, with everySeconds, on that schedule. */
export const submitFeed: Submit = submitterOf('feed');

/** Same for an XML sitemap, sitemap index, gzipped sitemap or Google News sitemap. */
export const submitSitemap: Submit = submitterOf('sitemap');

/** Stops re-polling a feed or sitemap. Returns false when it was not scheduled. */
export async function unsubmitDiscovery(queue: StageQueue<'fetch'>, url: string, kind: DiscoverKind): Promise<boolean> {
  return (queue as Queue).removeJobScheduler(jobIds.scheduler(kind, identityOf(url).docId));
}

/**
 * Upserting a job scheduler is idempotent: submitting the same feed again only changes its
 * interval. The scheduler's jobs carry the same data each time; conditional-GET validators
 * (ETag, Last-Modified) are kept in RedisClient by the fetcher, keyed by docId.
 */
async function submitDiscovery(
  queue: StageQueue<'fetch'>,
  input: string,
  kind: DiscoverKind,
  options: DiscoveryOptions,
): Promise<DiscoverySubmission> {
  const { url, docId } = identityOf(input);
  const source: DiscoveryJob['source'] = options.ref === undefined ? { kind } : { kind, ref: options.ref };
  const data: DiscoveryJob = { url, docId, submittedAt: new Date().toISOString(), source, depth: 0 };
  if (options.everySeconds === undefined) {
    // One-off: its id names this submission (its time), since the same feed submitted later should expand again.
    await (queue as Queue).add(kind, data, { jobId: jobIds[kind](data) });
    return { url, docId };
  }
  const schedulerId = jobIds.scheduler(kind, docId);
  // Scheduled jobs get the same retries and retention as any other fetch job.
  await (queue as Queue).upsertJobScheduler(
    schedulerId,
    { every: Math.max(1, options.everySeconds) * 1000 },
    { name: kind, data, opts: { ...FETCH_JOB_OPTIONS } },
  );
  return { url, docId, schedulerId };
}
