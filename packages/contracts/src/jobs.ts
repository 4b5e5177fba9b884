import { z } from 'zod';
import { ArticleSchema } from './article.ts';
import type { Article } from './article.ts';

const isoDate = z.string().datetime({ offset: true });

/** Hints from a feed or sitemap, checked later against what the page itself says. */
export const DiscoveryHintsSchema = z.object({
  title: z.string().optional(),
  publishedAt: isoDate.optional(),
});

export const SourceSchema = z.object({
  kind: z.enum(['api', 'cli', 'feed', 'sitemap', 'seed', 'replay', 'site', 'section', 'recrawl']),
  ref: z.string().optional(),
});

/**
 * Which re-crawl of an indexed article this is (1 = the first re-fetch of RECRAWL_SCHEDULE); absent on
 * a first fetch. It travels fetch → clean → dedupe → index so that each re-fetch has job ids of its own
 * (completed jobs keep theirs for a day) and the indexer compares it with the indexed version.
 */
const recrawlStep = z.number().int().positive().max(1000);

const UrlJobSchema = z.object({
  /** The normalised URL: the document's identity. */
  url: z.string().url(),
  /**
   * The URL as submitted (without its fragment), when it differs from `url`: what is requested, since
   * some servers tell `/a/` from `/a` or need the original query order.
   */
  fetchUrl: z.string().url().optional(),
  docId: z.string().min(8),
  submittedAt: isoDate,
  source: SourceSchema,
});

/** An article page to fetch (job name `fetch`). */
export const FetchJobSchema = UrlJobSchema.extend({
  hints: DiscoveryHintsSchema.optional(),
  recrawl: recrawlStep.optional(),
});
export type FetchJob = z.infer<typeof FetchJobSchema>;

/** Feeds and sitemaps are jobs of their own names on the fetch queue: they expand into more fetch jobs. */
export const DiscoverKindSchema = z.enum(['feed', 'sitemap']);
export type DiscoverKind = z.infer<typeof DiscoverKindSchema>;

/** What the adaptive poller re-reads: feeds, sitemaps, and section pages of sites without either. */
export const PollKindSchema = z.enum(['feed', 'sitemap', 'section']);
export type PollKind = z.infer<typeof PollKindSchema>;

/**
 * A feed or sitemap to fetch and expand (job names `feed` and `sitemap`). Its conditional-GET
 * validators (ETag, Last-Modified) live in Redis, since a job scheduler's payload is fixed.
 */
export const DiscoveryJobSchema = UrlJobSchema.extend({
  /** How deep in a sitemap index this sitemap is (0 for the submitted one), to stop index loops. */
  depth: z.number().int().min(0).max(10).optional(),
});
export type DiscoveryJob = z.infer<typeof DiscoveryJobSchema>;

export const CleanJobSchema = z.object({
  docId: z.string().min(8),
  url: z.string().url(),
  finalUrl: z.string().url(),
  status: z.number().int(),
  fetchedAt: isoDate,
  submittedAt: isoDate,
  contentType: z.string().optional(),
  redirects: z.array(z.string()),
  /** Validators the server sent, kept for a later conditional re-fetch. */
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Redis key of the gzip-compressed raw page; removed once cleaned. */
  rawKey: z.string(),
  hints: DiscoveryHintsSchema.optional(),
  /** The page is the DOM a browser rendered (the render stage): a JavaScript shell again is not sent back. */
  rendered: z.literal(true).optional(),
  recrawl: recrawlStep.optional(),
});
export type CleanJob = z.infer<typeof CleanJobSchema>;

/**
 * The clean job of a page a stage has stored under `rawKey` (the fetcher's fetched page, the
 * renderer's rendered DOM): identity and hints from the job that asked for it, the response's
 * status, type and redirects, fetched now. Each stage adds what only it knows.
 */
/** The re-crawl step to carry onto the next stage's job: `{ recrawl }` when there is one, else nothing. */
export function recrawlOf(job: { recrawl?: number }): { recrawl?: number } {
  return job.recrawl === undefined ? {} : { recrawl: job.recrawl };
}

export function cleanJobOf(
  job: Pick<CleanJob, 'docId' | 'url' | 'submittedAt' | 'hints' | 'recrawl'>,
  page: Pick<CleanJob, 'finalUrl' | 'status' | 'contentType' | 'redirects'>,
  rawKey: string,
): CleanJob {
  const { finalUrl, status, contentType, redirects } = page;
  const { docId, url, submittedAt, hints } = job;
  const fetchedAt = new Date().toISOString();
  return {
    docId,
    url,
    finalUrl,
    status,
    fetchedAt,
    submittedAt,
    contentType,
    redirects,
    rawKey,
    ...(hints ? { hints } : {}),
    ...recrawlOf(job),
  };
}

/**
 * A page the cleaner found to be a JavaScript shell: the render stage loads `finalUrl` in a
 * browser and hands the rendered DOM back to clean, as the fetcher hands a fetched page.
 */
export const RenderJobSchema = z.object({
  docId: z.string().min(8),
  url: z.string().url(),
  finalUrl: z.string().url(),
  fetchedAt: isoDate,
  submittedAt: isoDate,
  hints: DiscoveryHintsSchema.optional(),
  recrawl: recrawlStep.optional(),
});
export type RenderJob = z.infer<typeof RenderJobSchema>;

/** What the pipeline knows about a document beyond the extracted Article. */
export const DocumentMetaSchema = z.object({
  docId: z.string().min(8),
  domain: z.string(),
  finalUrl: z.string().url(),
  fetchedAt: isoDate,
  submittedAt: isoDate,
  recrawl: recrawlStep.optional(),
});

/**
 * The cleaner hands its article on by reference (`articleKey`, an article payload in Redis beside
 * the job: see article-payloads.ts in @newsflow/runtime), so the article is not copied through the
 * queue and kept with every completed job; `article` inline is the same job by value (jobs queued
 * before references, tools and tests). Exactly one of the two.
 */
export const DedupeJobSchema = DocumentMetaSchema.extend({
  article: ArticleSchema.optional(),
  articleKey: z.string().min(1).optional(),
}).refine((job) => (job.article === undefined) !== (job.articleKey === undefined), {
  message: 'a dedupe job carries its article or an articleKey, not both',
});
export type DedupeJob = z.infer<typeof DedupeJobSchema>;
/** A dedupe job with its article in hand (read back from Redis when it came by reference). */
export type DedupeInput = Omit<DedupeJob, 'articleKey'> & { article: Article };

export const ArticleDocumentSchema = ArticleSchema.extend(DocumentMetaSchema.shape).extend({
  clusterId: z.string(),
  storyId: z.string().optional(),
  /** Copy clusters the article quotes without joining them (a roundup, an excerpt inside other text). */
  relatedClusters: z.array(z.string()).optional(),
});
export type ArticleDocument = z.infer<typeof ArticleDocumentSchema>;

/** Most documents one upsert job carries (the dedupe outbox flushes well below it). */
export const MAX_UPSERT_DOCUMENTS = 500;

/**
 * Upsert jobs carry a reference to each document; the documents themselves travel beside the job
 * in one Redis string (see upsert-payload.ts and enqueueUpsert in @newsflow/runtime).
 */
export const UpsertRefSchema = z.object({
  docId: z.string().min(8),
  url: z.string().url(),
  /** External version written with the document: its fetch time, or the stored version when repairing. */
  version: z.number().int().nonnegative(),
  /** When the URL entered the pipeline, for the end-to-end latency metric. */
  submittedAt: isoDate,
  /** A re-crawl: the indexer compares it with the indexed version before writing (versions). */
  recrawl: recrawlStep.optional(),
  /** Where the page was served from (after redirects), when not `url`: what its re-crawls request. */
  fetchUrl: z.string().url().optional(),
});
export type UpsertRef = z.infer<typeof UpsertRefSchema>;

export const UpsertJobSchema = z.object({
  kind: z.literal('upsert'),
  payload: z.string().min(1),
  documents: z.array(UpsertRefSchema).min(1).max(MAX_UPSERT_DOCUMENTS),
});
export type UpsertJob = z.infer<typeof UpsertJobSchema>;

export const RelabelJobSchema = z.object({
  kind: z.literal('relabel'),
  docIds: z.array(z.string().min(8)).min(1),
  clusterId: z.string(),
  /** Monotonic merge counter, so a replayed older relabel never undoes a newer one. */
  mergeSeq: z.number().int().nonnegative(),
});
export type RelabelJob = z.infer<typeof RelabelJobSchema>;

/**
 * A story change (a bridge merged stories, or a repair moved articles between them): the documents
 * now belong to `storyId`. `storyMergeSeq` is the story store's own counter, apart from the copy
 * clusters' mergeSeq, so the two relabel kinds never order each other.
 */
export const StoryRelabelJobSchema = z.object({
  kind: z.literal('story-relabel'),
  docIds: z.array(z.string().min(8)).min(1),
  storyId: z.string().min(1),
  storyMergeSeq: z.number().int().nonnegative(),
});
export type StoryRelabelJob = z.infer<typeof StoryRelabelJobSchema>;

/**
 * Index jobs either write whole documents or move already indexed documents to a surviving cluster.
 * An upsert names several documents because BullMQ's cost per job, not Elasticsearch, bounded the
 * indexer at one job per document.
 */
export const IndexJobSchema = z.discriminatedUnion('kind', [UpsertJobSchema, RelabelJobSchema, StoryRelabelJobSchema]);
export type IndexJob = z.infer<typeof IndexJobSchema>;
