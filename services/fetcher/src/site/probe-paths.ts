import { RetryLater, StageError } from '@newsflow/contracts';
import { FEED_ACCEPT } from '../fetch-document.ts';
import type { FetcherDeps } from '../create-fetcher.ts';
import { decodeXml } from '../discovery/decode-xml.ts';
import { parseDiscovery } from '../discovery/parse-discovery.ts';
import { politeGet } from '../polite-get.ts';
import type { SiteSteps } from './site-steps.ts';

/** Where sites commonly keep a feed or sitemap they do not announce (WordPress, Ghost, Hugo, news plugins). */
const COMMON_PATHS = [
  '/feed',
  '/rss.xml',
  '/feed.xml',
  '/atom.xml',
  '/index.xml',
  '/rss',
  '/sitemap.xml',
  '/sitemap_index.xml',
  '/news-sitemap.xml',
  '/sitemap-news.xml',
];

export interface Found {
  feeds: string[];
  sitemaps: string[];
}

/** The first feed and the first sitemap among the common paths, each path asked once (politely). */
export async function probeCommonPaths(
  deps: FetcherDeps,
  steps: SiteSteps,
  origin: string,
  jobId: string,
): Promise<Found> {
  const found: Found = { feeds: [], sitemaps: [] };
  for (const path of COMMON_PATHS) {
    if (found.feeds.length && found.sitemaps.length) break;
    const url = `${origin}${path}`;
    const kind = await steps.once(`probe ${path}`, () => probe(deps, url, jobId));
    if (kind === 'feed' && !found.feeds.length) found.feeds.push(url);
    if (kind === 'sitemap' && !found.sitemaps.length) found.sitemaps.push(url);
  }
  return found;
}

async function probe(deps: FetcherDeps, url: string, jobId: string): Promise<'feed' | 'sitemap' | 'none'> {
  try {
    const document = await politeGet(deps, url, jobId, {
      accept: FEED_ACCEPT,
      maxBytes: deps.config.FETCH_MAX_FEED_BYTES,
    });
    if (document.kind !== 'fetched') return 'none';
    const parsed = parseDiscovery(decodeXml(document.body, document.contentType), document.finalUrl);
    if (parsed.kind === 'unknown') return 'none';
    return parsed.kind === 'articles' && parsed.format !== 'sitemap' ? 'feed' : 'sitemap';
  } catch (error) {
    // A missing path is an answer; a busy host is not (the job is parked and asks again).
    if (error instanceof RetryLater || !(error instanceof StageError)) throw error;
    return 'none';
  }
}

/** `Sitemap:` lines of the site's robots.txt (already cached for the politeness check). */
export async function robotsSitemaps(deps: FetcherDeps, origin: string): Promise<string[]> {
  const record = await deps.policy.robots.get(origin);
  if (!record) throw new RetryLater(500, `robots.txt of ${origin} is being fetched`);
  if (record.kind !== 'rules') return [];
  const urls = [...record.body.matchAll(/^\s*sitemap\s*:\s*(\S+)/gim)].map((match) => match[1]!);
  return [...new Set(urls.filter((url) => /^https?:\/\//i.test(url)))].slice(0, 10);
}
