import type { CleanJob, FetchJob } from '@newsflow/contracts';
import { defineStage, putRaw, rawKeyFor } from '@newsflow/runtime';
import type { HandlerContext, StageDefinition, StageResult } from '@newsflow/runtime';
import type { FetcherDeps } from './create-fetcher.ts';
import { isHtmlType } from './fetch-document.ts';
import type { FetchedDocument } from './fetch-document.ts';
import { createDiscoveryHandler } from './handle-discovery.ts';
import { politeGet } from './polite-get.ts';

const ARTICLE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';

/**
 * fetch stage: article pages go to Redis and on to the cleaner; feeds and sitemaps (jobs of their
 * own names) expand into more fetch jobs.
 */
export function createFetchStage(deps: FetcherDeps): StageDefinition<'fetch'> {
  return defineStage('fetch', {
    fetch: createArticleHandler(deps),
    feed: createDiscoveryHandler(deps, 'feed'),
    sitemap: createDiscoveryHandler(deps, 'sitemap'),
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
