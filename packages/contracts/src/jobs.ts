import { z } from 'zod';
import { UpsertRefSchema } from './upsert-payload.ts';
import { ArticleSchema } from './article.ts';

const isoDate = z.string().datetime({ offset: true });

/** Hints from a feed or sitemap, checked later against what the page itself says. */
export const DiscoveryHintsSchema = z.object({
  title: z.string().optional(),
  publishedAt: isoDate.optional(),
});

export const SourceSchema = z.object({
  kind: z.enum(['api', 'cli', 'feed', 'sitemap', 'seed', 'replay']),
  ref: z.string().optional(),
});

/** A fetch job either fetches one article page or, with `discover`, expands a feed or sitemap into fetch jobs. */
export const DiscoverKindSchema = z.enum(['feed', 'sitemap']);
export type DiscoverKind = z.infer<typeof DiscoverKindSchema>;

export const FetchJobSchema = z.object({
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
  hints: DiscoveryHintsSchema.optional(),
  /** Set for feeds and sitemaps; their conditional-GET validators (ETag, Last-Modified) live in Redis. */
  discover: DiscoverKindSchema.optional(),
  /** How deep in a sitemap index this sitemap is (0 for the submitted one), to stop index loops. */
  depth: z.number().int().min(0).max(10).optional(),
});
export type FetchJob = z.infer<typeof FetchJobSchema>;

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
});
export type CleanJob = z.infer<typeof CleanJobSchema>;

/** What the pipeline knows about a document beyond the extracted Article. */
export const DocumentMetaSchema = z.object({
  docId: z.string().min(8),
  domain: z.string(),
  finalUrl: z.string().url(),
  fetchedAt: isoDate,
  submittedAt: isoDate,
});

export const DedupeJobSchema = DocumentMetaSchema.extend({ article: ArticleSchema });
export type DedupeJob = z.infer<typeof DedupeJobSchema>;

export const ArticleDocumentSchema = ArticleSchema.extend(DocumentMetaSchema.shape).extend({
  clusterId: z.string(),
  storyId: z.string().optional(),
});
export type ArticleDocument = z.infer<typeof ArticleDocumentSchema>;

/** Most documents one upsert job carries (the dedupe outbox flushes well below it). */
export const MAX_UPSERT_DOCUMENTS = 500;

/**
 * Index jobs either write whole documents or move already indexed documents to a surviving cluster.
 * An upsert names several documents because BullMQ's cost per job, not Elasticsearch, bounded the
 * indexer at one job per document; their content is in the Redis key `payload` (upsert-payload.ts).
 */
export const IndexJobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('upsert'),
    payload: z.string().min(1),
    documents: z.array(UpsertRefSchema).min(1).max(MAX_UPSERT_DOCUMENTS),
  }),
  z.object({
    kind: z.literal('relabel'),
    docIds: z.array(z.string().min(8)).min(1),
    clusterId: z.string(),
    /** Monotonic merge counter, so a replayed older relabel never undoes a newer one. */
    mergeSeq: z.number().int().nonnegative(),
  }),
]);
export type IndexJob = z.infer<typeof IndexJobSchema>;

export const JOB_SCHEMAS = {
  fetch: FetchJobSchema,
  clean: CleanJobSchema,
  dedupe: DedupeJobSchema,
  index: IndexJobSchema,
} as const;

export type JobPayload = {
  fetch: FetchJob;
  clean: CleanJob;
  dedupe: DedupeJob;
  index: IndexJob;
};
