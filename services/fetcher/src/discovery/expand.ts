import { gunzipSync } from 'node:zlib';
import type { RedisClient } from '@newsflow/runtime';
import { StageError, identityOrUndefined, redisKeys, requestUrlOf } from '@newsflow/contracts';
import type { DiscoverKind, DiscoveryJob, FetchJob } from '@newsflow/contracts';
import type { Validators } from '../fetch-document.ts';
import { decodeXml } from './decode-xml.ts';
import { parseDiscovery } from './parse-discovery.ts';
import type { DiscoveredEntry } from './parse-discovery.ts';
import { capDiscovered } from './limits.ts';
import type { DiscoveryLimits } from './limits.ts';

/** Sitemap indexes may nest; past this depth they are ignored (loops, traps). */
const MAX_SITEMAP_DEPTH = 3;

export interface ExpandOptions {
  maxBytes: number;
  /** Sitemap entries older than this are skipped; 0 keeps all. */
  maxAgeDays: number;
  now: Date;
  /** When this poll of the feed or sitemap was queued: the same on every attempt of the job. */
  polledAt: Date;
  limits: DiscoveryLimits;
}

export interface Expansion {
  fetch: FetchJob[];
  sitemap: DiscoveryJob[];
  /** Entries dropped: too old, or not an http(s) URL. */
  skipped: number;
  /** Entries past the per-document cap (DiscoveryLimits): not enqueued. */
  overflow: number;
}

/**
 * A fetched feed or sitemap → fetch jobs. Articles get their deterministic id, so an article seen
 * in every poll of a feed (or in a feed and a sitemap) is fetched once per re-crawl window.
 * Child sitemaps are submitted at the time of this poll, so their ids tie them to it: an index
 * re-polled later expands again, a retried poll adds nothing.
 */
export function expandDiscovery(
  kind: DiscoverKind,
  job: DiscoveryJob,
  body: Buffer,
  contentType: string | undefined,
  options: ExpandOptions,
): Expansion | 'too-deep' {
  const xml = decodeXml(maybeGunzip(body, options.maxBytes), contentType);
  const parsed = parseDiscovery(xml, job.url);
  if (parsed.kind === 'unknown')
    throw new StageError('not-a-feed', `${job.url} is not RSS, Atom or a sitemap (root ${parsed.root})`);
  const isIndex = parsed.kind === 'sitemaps';
  const fresh = parsed.entries.filter((entry) => isFresh(entry, options));
  const { kept, overflow } = capDiscovered(fresh, isIndex ? options.limits.maxChildren : options.limits.maxUrls);
  const source = { kind, ref: job.url };
  const dropped = (made: number): number => parsed.entries.length - overflow - made;
  if (!isIndex) {
    const fetch = kept.flatMap((entry) => articleJob(entry, source, options.now));
    return { fetch, sitemap: [], skipped: dropped(fetch.length), overflow };
  }
  const depth = (job.depth ?? 0) + 1;
  if (depth > MAX_SITEMAP_DEPTH) return 'too-deep';
  const sitemap = kept.flatMap((entry) => childSitemapJob(entry, source, options.polledAt, depth));
  return { fetch: [], sitemap, skipped: dropped(sitemap.length), overflow };
}

function articleJob(entry: DiscoveredEntry, source: FetchJob['source'], now: Date): FetchJob[] {
  const job: FetchJob | undefined = urlJob(entry, source, now);
  if (!job) return [];
  if (entry.title || entry.publishedAt) {
    job.hints = {};
    if (entry.title) job.hints.title = entry.title;
    if (entry.publishedAt) job.hints.publishedAt = entry.publishedAt;
  }
  return [job];
}

function childSitemapJob(
  entry: DiscoveredEntry,
  source: FetchJob['source'],
  polledAt: Date,
  depth: number,
): DiscoveryJob[] {
  const job = urlJob(entry, source, polledAt);
  return job ? [{ ...job, depth }] : [];
}

/** The job fields every discovered URL gets; undefined for an entry that is not an http(s) URL. */
export function urlJob(
  entry: Pick<DiscoveredEntry, 'url'>,
  source: FetchJob['source'],
  submittedAt: Date,
): FetchJob | undefined {
  const identity = identityOrUndefined(entry.url);
  if (!identity) return undefined;
  const job: FetchJob = { url: identity.url, docId: identity.docId, submittedAt: submittedAt.toISOString(), source };
  const fetchUrl = requestUrlOf(entry.url, identity.url);
  if (fetchUrl) job.fetchUrl = fetchUrl;
  return job;
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

/**
 * Conditional-GET state per feed, sitemap or re-crawled article, kept in Redis (job scheduler
 * payloads are fixed), for `ttlSeconds` after the fetch that sent them.
 */
export function createValidatorStore(redis: RedisClient, prefix: string, ttlSeconds = 30 * 86_400) {
  const keyOf = redisKeys(prefix).validators;
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
      // Nothing to send next time: one DEL (older validators must not outlive the page they described).
      if (!validators.etag && !validators.lastModified) return void (await redis.del(key));
      await redis
        .multi()
        .del(key)
        .hset(key, { ...validators, savedAt: new Date().toISOString() })
        .expire(key, ttlSeconds)
        .exec();
    },
  };
}
