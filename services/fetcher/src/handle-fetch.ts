import { cleanJobOf, withRecrawl } from '@newsflow/contracts';
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
import { articleValidatorsOf } from './recrawl/article-validators.ts';
import { alwaysRenders, renderJobOf } from './render-hosts.ts';

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
  const validators = articleValidatorsOf(deps);
  return async (job: FetchJob, { jobId, log }: HandlerContext): Promise<StageResult<'fetch'>> => {
    // No skip on another page's word (its redirect target or canonical link): every URL is fetched
    // and goes on; copies of one document are recognised by the dedupe stage, which keeps them all.
    // The identity is the normalised URL; the request goes to the URL as it was submitted. A
    // re-crawl is a conditional GET with what the last fetch of the article was sent.
    const target = job.fetchUrl ?? job.url;
    // Hosts configured to always render: one request for the page, the renderer's (robots and pacing apply there).
    if (config.RENDER_ENABLED && alwaysRenders(target, config.RENDER_HOSTS)) {
      log.info({ url: job.url }, 'always-render host: handed to the renderer');
      return { next: { render: [renderJobOf(job, target)] } };
    }
    const document = await politeGet(deps, target, jobId, {
      accept: ARTICLE_ACCEPT,
      acceptType: isHtmlType,
      maxBytes: config.FETCH_MAX_BYTES,
      validators: job.recrawl === undefined ? undefined : await validators.load(job.docId),
    });
    if (document.kind === 'not-modified') {
      log.info({ url: job.url, recrawl: job.recrawl }, 'not modified since the last fetch');
      return { skipped: 'article-not-modified' };
    }
    const rawKey = rawKeyFor(prefix, withRecrawl(job));
    await putRaw(redis, rawKey, document.body);
    log.info({ url: job.url, finalUrl: document.finalUrl, bytes: document.body.byteLength }, 'fetched');
    const onHandedOn = validators.enabled ? () => validators.save(job.docId, document.validators) : undefined;
    return { next: { clean: [cleanJobFor(job, document, rawKey)] }, ...(onHandedOn ? { onHandedOn } : {}) };
  };
}

function cleanJobFor(job: FetchJob, document: Extract<FetchedDocument, { kind: 'fetched' }>, rawKey: string): CleanJob {
  return { ...cleanJobOf(job, document, rawKey), ...document.validators };
}
