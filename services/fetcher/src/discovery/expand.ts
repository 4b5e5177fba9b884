import { gunzipSync } from 'node:zlib';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { InvalidUrlError, StageError, identityOf, jobIdFor, requestUrlOf } from '@newsflow/contracts';
import type { FetchJob } from '@newsflow/contracts';
import type { StageQueues } from '@newsflow/runtime';
import type { Validators } from '../fetch-document.ts';
import { decodeXml } from './decode-xml.ts';
import { parseDiscovery } from './parse-discovery.ts';
import type { DiscoveredEntry } from './parse-discovery.ts';
import { capDiscovered } from './limits.ts';
import type { DiscoveryLimits } from './limits.ts';

/** Sitemap indexes may nest; past this depth they are ignored (loops, traps). */
const MAX_SITEMAP_DEPTH = 3;
const BULK = 500;

export interface ExpandOptions {
  maxBytes: number;
  /** Sitemap entries older than this are skipped; 0 keeps all. */
  maxAgeDays: number;
  now: Date;
  limits: DiscoveryLimits;
}

export interface ExpandResult {
  articles: number;
  sitemaps: number;
  skipped: number;
  /** Entries past the per-document cap (DiscoveryLimits): not enqueued. */
  overflow: number;
}

/**
 * A fetched feed or sitemap → fetch jobs. Articles get their deterministic id, so an article seen
 * in every poll of a feed (or in a feed and a sitemap) is fetched once per re-crawl window.
 * Child sitemaps get a per-poll id, so an index re-polled later expands again.
 */
export async function expandDiscovery(
  job: FetchJob,
  pollId: string,
  body: Buffer,
  contentType: string | undefined,
  queues: StageQueues,
  options: ExpandOptions,
): Promise<ExpandResult> {
  const xml = decodeXml(maybeGunzip(body, options.maxBytes), contentType);
  const parsed = parseDiscovery(xml, job.url);
  if (parsed.kind === 'unknown')
    throw new StageError('not-a-feed', `${job.url} is not RSS, Atom or a sitemap (root ${parsed.root})`);
  const isIndex = parsed.kind === 'sitemaps';
  const fresh = parsed.entries.filter((entry) => isFresh(entry, options));
  const { kept, overflow } = capDiscovered(fresh, isIndex ? options.limits.maxChildren : options.limits.maxUrls);
  const jobs = kept.flatMap((entry) => toFetchJob(entry, job, options.now, parsed.kind === 'sitemaps'));
  const fetchQueue = queues.fetch as Queue;
  if (parsed.kind === 'sitemaps') {
    const depth = (job.depth ?? 0) + 1;
    if (depth > MAX_SITEMAP_DEPTH) return { articles: 0, sitemaps: 0, skipped: parsed.entries.length, overflow: 0 };
    const children = jobs.map((data) => ({
      name: 'fetch',
      data: { ...data, discover: 'sitemap' as const, depth },
      opts: { jobId: `${jobIdFor('fetch', data.docId)}-p${pollId}` },
    }));
    for (let start = 0; start < children.length; start += BULK)
      await fetchQueue.addBulk(children.slice(start, start + BULK));
    return {
      articles: 0,
      sitemaps: children.length,
      skipped: parsed.entries.length - overflow - children.length,
      overflow,
    };
  }
  const articles = jobs.map((data) => ({ name: 'fetch', data, opts: { jobId: jobIdFor('fetch', data.docId) } }));
  for (let start = 0; start < articles.length; start += BULK)
    await fetchQueue.addBulk(articles.slice(start, start + BULK));
  return {
    articles: articles.length,
    sitemaps: 0,
    skipped: parsed.entries.length - overflow - articles.length,
    overflow,
  };
}

function toFetchJob(entry: DiscoveredEntry, parent: FetchJob, now: Date, isSitemap: boolean): FetchJob[] {
  let identity;
  try {
    identity = identityOf(entry.url);
  } catch (error) {
    if (error instanceof InvalidUrlError) return [];
    throw error;
  }
  const job: FetchJob = {
    url: identity.url,
    docId: identity.docId,
    submittedAt: now.toISOString(),
    source: { kind: parent.discover ?? 'feed', ref: parent.url },
  };
  const fetchUrl = requestUrlOf(entry.url, identity.url);
  if (fetchUrl) job.fetchUrl = fetchUrl;
  if (!isSitemap && (entry.title || entry.publishedAt)) {
    job.hints = {};
    if (entry.title) job.hints.title = entry.title;
    if (entry.publishedAt) job.hints.publishedAt = entry.publishedAt;
  }
  return [job];
}

function isFresh(entry: DiscoveredEntry, options: ExpandOptions): boolean {
  if (options.maxAgeDays === 0 || !entry.publishedAt) return true;
  return options.now.getTime() - Date.parse(entry.publishedAt) <= options.maxAgeDays * 86_400_000;
}

/** Sitemaps are often served as .xml.gz with a generic type: trust the gzip magic bytes. */
function maybeGunzip(body: Buffer, maxBytes: number): Buffer {
  if (body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new StageError(
      tooLarge ? 'too-large' : 'not-a-feed',
      tooLarge ? `gzipped sitemap inflates past ${maxBytes} bytes` : 'corrupt gzip',
    );
  }
}

/** Conditional-GET state per feed or sitemap, kept in Redis (job scheduler payloads are fixed). */
export function createValidatorStore(redis: Redis, prefix: string) {
  const keyOf = (docId: string): string => `${prefix}:validators:${docId}`;
  return {
    async load(docId: string): Promise<Validators> {
      const stored = await redis.hgetall(keyOf(docId));
      const validators: Validators = {};
      if (stored.etag) validators.etag = stored.etag;
      if (stored.lastModified) validators.lastModified = stored.lastModified;
      return validators;
    },
    async save(docId: string, validators: Validators): Promise<void> {
      const key = keyOf(docId);
      await redis
        .multi()
        .del(key)
        .hset(key, { ...validators, savedAt: new Date().toISOString() })
        .expire(key, 30 * 86_400)
        .exec();
    },
  };
}
