import type { DiscoveryJob } from '@newsflow/contracts';
import type { HandlerContext, StageResult } from '@newsflow/runtime';
import type { FetcherDeps } from '../create-fetcher.ts';
import { createConditionalPoll } from '../discovery/conditional-poll.ts';
import { urlJob } from '../discovery/expand.ts';
import { ARTICLE_ACCEPT, isHtmlType } from '../fetch-document.ts';
import { linksOfPage } from './page-links.ts';
import { articleLinks } from './score-links.ts';

/** A section (or home) page of a site without feeds: a conditional GET, then its article links. */
export function createSectionHandler(deps: FetcherDeps) {
  const { config } = deps;
  const poll = createConditionalPoll(deps);
  const request = { accept: ARTICLE_ACCEPT, acceptType: isHtmlType, maxBytes: config.FETCH_MAX_BYTES };
  return async (job: DiscoveryJob, context: HandlerContext): Promise<StageResult<'fetch'>> => {
    const polled = await poll(job, context, request);
    if (!polled) return { skipped: 'not-modified' };
    const { document, saveValidators } = polled;
    const links = linksOfPage(document.body.toString('utf8'), document.finalUrl);
    const urls = articleLinks(links.anchors, document.finalUrl, config.FETCH_DISCOVERY_MAX_URLS);
    const fetch = urls.flatMap((url) => urlJob({ url }, { kind: 'section', ref: job.url }, new Date()) ?? []);
    context.log.info({ url: job.url, articles: fetch.length }, 'read section page');
    return { next: { fetch }, onHandedOn: saveValidators };
  };
}
