import type { DiscoverKind, DiscoveryJob } from '@newsflow/contracts';
import { FEED_ACCEPT } from './fetch-document.ts';
import type { HandlerContext, StageResult } from '@newsflow/runtime';
import type { FetcherDeps } from './create-fetcher.ts';
import { createValidatorStore, expandDiscovery } from './discovery/expand.ts';
import { pauseWhileBacklogged } from './discovery/backlog-pause.ts';
import { politeGet } from './polite-get.ts';

/**
 * A feed or sitemap: a conditional GET (ETag, Last-Modified from the last poll), then its entries
 * become article jobs, or child sitemap jobs for a sitemap index.
 */
export function createDiscoveryHandler(deps: FetcherDeps, kind: DiscoverKind) {
  const { config, redis } = deps;
  const validators = createValidatorStore(redis, config.NEWSFLOW_QUEUE_PREFIX);
  return async (job: DiscoveryJob, context: HandlerContext): Promise<StageResult<'fetch'>> => {
    await pauseWhileBacklogged(deps.backlog);
    const document = await politeGet(deps, job.fetchUrl ?? job.url, context.jobId, {
      accept: FEED_ACCEPT,
      maxBytes: config.FETCH_MAX_FEED_BYTES,
      validators: await validators.load(job.docId),
    });
    if (document.kind === 'not-modified') return { skipped: 'not-modified' };
    const expansion = expandDiscovery(kind, job, document.body, document.contentType, {
      maxBytes: config.FETCH_MAX_FEED_BYTES,
      maxAgeDays: config.FETCH_SITEMAP_MAX_AGE_DAYS,
      now: new Date(),
      polledAt: new Date(context.createdAt),
      limits: { maxUrls: config.FETCH_DISCOVERY_MAX_URLS, maxChildren: config.FETCH_SITEMAP_MAX_CHILDREN },
    });
    const saveValidators = (): Promise<void> => validators.save(job.docId, document.validators);
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
