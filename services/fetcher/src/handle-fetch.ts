import type { CleanJob, FetchJob } from '@newsflow/contracts';
import { defineStage, putRaw, rawKeyFor } from '@newsflow/runtime';
import type { HandlerContext, StageDefinition, StageResult } from '@newsflow/runtime';
import type { FetcherDeps } from './create-fetcher.ts';
import { ARTICLE_ACCEPT, isHtmlType } from './fetch-document.ts';
import type { FetchedDocument } from './fetch-document.ts';
import { createDiscoveryHandler } from './handle-discovery.ts';
import { withPollOutcome } from './schedule/poll-outcome.ts';
import { createSectionHandler } from './site/handle-section.ts';
import { createSiteHandler } from './site/handle-site.ts';
import { politeGet } from './polite-get.ts';

/**
 * fetch stage: article pages go to Redis and on to the cleaner; feeds, sitemaps and section pages
 * (jobs of their own names) expand into more fetch jobs, their outcomes steering their adaptive
 * polling; a site job discovers what to poll.
 */
export function createFetchStage(deps: FetcherDeps): StageDefinition<'fetch'> {
  return defineStage('fetch', {
    fetch: createArticleHandler(deps),
    feed: withPollOutcome(deps.schedule, 'feed', createDiscoveryHandler(deps, 'feed')),
    sitemap: withPollOutcome(deps.schedule, 'sitemap', createDiscoveryHandler(deps, 'sitemap')),
    site: createSiteHandler(deps, deps.schedule),
    section: withPollOutcome(deps.schedule, 'section', createSectionHandler(deps)),
  });
}

function createArticleHandler(deps: FetcherDeps) {
  const { config, redis } = deps;
  const prefix = config.NEWSFLOW_QUEUE_PREFIX;
  return async (job: FetchJob, { jobId, log }: HandlerContext): Promise<StageResult<'fetch'>> => {
    // No skip on another page's word (its redirect target or canonical link): every URL is fetched
    // and goes on; copies of one document are recognised by the dedupe stage, which keeps them all.
    // The identity is the normalised URL; the request goes to the URL as it was submitted.
    const document = await politeGet(deps, job.fetchUrl ?? job.url, jobId, {
      accept: ARTICLE_ACCEPT,
      acceptType: isHtmlType,
      maxBytes: config.FETCH_MAX_BYTES,
    });
    if (document.kind === 'not-modified') return { skipped: 'not-modified' };
    const rawKey = rawKeyFor(prefix, job.docId);
    await putRaw(redis, rawKey, document.body);
    log.info({ url: job.url, finalUrl: document.finalUrl, bytes: document.body.byteLength }, 'fetched');
    return { next: { clean: [cleanJobOf(job, document, rawKey)] } };
  };
}

function cleanJobOf(job: FetchJob, document: Extract<FetchedDocument, { kind: 'fetched' }>, rawKey: string): CleanJob {
  return {
    docId: job.docId,
    url: job.url,
    finalUrl: document.finalUrl,
    status: document.status,
    fetchedAt: new Date().toISOString(),
    submittedAt: job.submittedAt,
    contentType: document.contentType,
    redirects: document.redirects,
    rawKey,
    hints: job.hints,
    ...document.validators,
  };
}
