import type { z } from 'zod';
import {
  ArticleDocumentSchema,
  CleanJobSchema,
  DedupeJobSchema,
  DiscoveryJobSchema,
  FetchJobSchema,
  IndexJobSchema,
  RenderJobSchema,
} from './jobs.ts';
import type { QueueName } from './queues.ts';

/** Every job name: the queue it runs on and the schema of its payload. */
export const JOBS = {
  fetch: { queue: 'fetch', schema: FetchJobSchema },
  feed: { queue: 'fetch', schema: DiscoveryJobSchema },
  sitemap: { queue: 'fetch', schema: DiscoveryJobSchema },
  /** A site's home page: find its feeds and sitemaps, else its article links and section pages. */
  site: { queue: 'fetch', schema: DiscoveryJobSchema },
  /** A section (or home) page of a site without feeds: its article links become fetch jobs. */
  section: { queue: 'fetch', schema: DiscoveryJobSchema },
  render: { queue: 'render', schema: RenderJobSchema },
  clean: { queue: 'clean', schema: CleanJobSchema },
  dedupe: { queue: 'dedupe', schema: DedupeJobSchema },
  index: { queue: 'index', schema: IndexJobSchema },
} as const satisfies Record<string, { queue: QueueName; schema: z.ZodType }>;

/**
 * What a stage may hand on: any job above, plus documents to upsert, which a batching writer (the
 * dedupe outbox) gathers into `index` jobs whose content waits beside them in Redis.
 */
export const OUTPUTS = {
  ...JOBS,
  upsert: { queue: 'index', schema: ArticleDocumentSchema },
} as const satisfies Record<string, { queue: QueueName; schema: z.ZodType }>;

export interface StageSpec {
  /** Job names the stage's queue carries; the stage has exactly one handler for each. */
  consumes: readonly JobName[];
  /** What its handlers may return in `next`. */
  emits: readonly OutputName[];
}

/**
 * The stage table: one row per queue. A handler for a job name returns its output as plain data;
 * the runtime validates each output against its schema here and enqueues it under its id from
 * job-ids.ts. The clean stage emits fetches too (a raw page that expired), the fetch stage its own
 * article and sitemap jobs (from feeds and sitemap indexes), the index stage an upsert job of its
 * own for each document Elasticsearch refused for good (to fail there alone, with its reason).
 */
export const STAGES = {
  /** Articles of hosts configured to always render go to render unfetched (the renderer fetches them). */
  fetch: {
    consumes: ['fetch', 'feed', 'sitemap', 'site', 'section'],
    emits: ['clean', 'render', 'fetch', 'feed', 'sitemap', 'section'],
  },
  /** A JavaScript shell rendered in a browser goes back to clean, marked `rendered`. */
  render: { consumes: ['render'], emits: ['clean'] },
  clean: { consumes: ['clean'], emits: ['dedupe', 'fetch', 'render'] },
  dedupe: { consumes: ['dedupe'], emits: ['upsert', 'index'] },
  index: { consumes: ['index'], emits: ['index'] },
} as const satisfies Record<QueueName, StageSpec>;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]['schema']>;
export type OutputName = keyof typeof OUTPUTS;
export type OutputData<N extends OutputName> = z.infer<(typeof OUTPUTS)[N]['schema']>;
export type ConsumedBy<Q extends QueueName> = (typeof STAGES)[Q]['consumes'][number];
export type EmittedBy<Q extends QueueName> = (typeof STAGES)[Q]['emits'][number];

/** The payload any job on a queue carries. */
export type JobPayload = { [Q in QueueName]: JobData<ConsumedBy<Q>> };

/**
 * Why a job completed without handing anything on. Skips are counted by reason in the shared
 * metrics, so "nothing happened" is visible and explained.
 */
export const SKIP_REASONS = {
  /** A feed or sitemap answered 304 to the conditional GET: nothing new since the last poll. */
  'not-modified': true,
  /** A re-crawled article answered 304 to its conditional GET: no clean, dedupe or index work. */
  'article-not-modified': true,
  /** Documents, not jobs: a re-crawled article whose text changed less than RECRAWL_MIN_CHANGED_WORDS (not re-indexed). */
  'recrawl-unchanged': true,
  /** A clean job whose article is already in the dedupe queue (its completion had been lost). */
  'already-handed-on': true,
  /** A sitemap index nested deeper than the fetcher follows (loops, traps). */
  'sitemap-too-deep': true,
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;
