import type { DiscoverKind, DiscoveryJob } from '@newsflow/contracts';
import { FEED_ACCEPT } from './fetch-document.ts';
import type { HandlerContext, StageResult } from '@newsflow/runtime';
import type { FetcherDeps } from './create-fetcher.ts';
import { createConditionalPoll } from './discovery/conditional-poll.ts';
import { expandDiscovery } from './discovery/expand.ts';

/**
 * A feed or sitemap: a conditional GET (ETag, Last-Modified from the last poll), then its entries
 * become article jobs, or child sitemap jobs for a sitemap index.
 */
export function createDiscoveryHandler(deps: FetcherDeps, kind: DiscoverKind) {
  const { config } = deps;
  const poll = createConditionalPoll(deps);
  return async (job: DiscoveryJob, context: HandlerContext): Promise<StageResult<'fetch'>> => {
    const polled = await poll(job, context, { accept: FEED_ACCEPT, maxBytes: config.FETCH_MAX_FEED_BYTES });
    if (!polled) return { skipped: 'not-modified' };
    const { document, saveValidators } = polled;
    const expansion = expandDiscovery(kind, job, document.body, document.contentType, {
      maxBytes: config.FETCH_MAX_FEED_BYTES,
      maxAgeDays: config.FETCH_SITEMAP_MAX_AGE_DAYS,
      now: new Date(),
      polledAt: new Date(context.createdAt),
      limits: { maxUrls: config.FETCH_DISCOVERY_MAX_URLS, maxChildren: config.FETCH_SITEMAP_MAX_CHILDREN },
    });
    if (expansion === 'too-deep') {
      await saveValidators();
      return { skipped: 'sitemap-too-deep' };
    }
    const { fetch, sitemap, skipped, overflow } = expansion;
    const counts = { url: job.url, articles: fetch.length, sitemaps: sitemap.length, skipped, overflow };
    context.log[overflow ? 'warn' : 'info'](counts, `expanded ${kind}`);
    if (overflow) await context.jobLog(`${overflow} entries over the cap were not enqueued`);
    // Saved once the jobs are queued: saved first, a retry after a failed add would get a 304 and lose them.
    return { next: { fetch, sitemap }, onHandedOn: saveValidators };
  };
}
