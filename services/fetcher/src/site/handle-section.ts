import type { DiscoveryJob } from '@newsflow/contracts';
import type { HandlerContext, StageResult } from '@newsflow/runtime';
import type { FetcherDeps } from '../create-fetcher.ts';
import { createValidatorStore, urlJob } from '../discovery/expand.ts';
import { ARTICLE_ACCEPT, isHtmlType } from '../fetch-document.ts';
import { pauseWhileBacklogged } from '../discovery/backlog-pause.ts';
import { politeGet } from '../polite-get.ts';
import { linksOfPage } from './page-links.ts';
import { articleLinks } from './score-links.ts';

/** A section (or home) page of a site without feeds: a conditional GET, then its article links. */
export function createSectionHandler(deps: FetcherDeps) {
  const { config, redis } = deps;
  const validators = createValidatorStore(redis, config.NEWSFLOW_QUEUE_PREFIX);
  return async (job: DiscoveryJob, context: HandlerContext): Promise<StageResult<'fetch'>> => {
    await pauseWhileBacklogged(deps.backlog);
    const document = await politeGet(deps, job.fetchUrl ?? job.url, context.jobId, {
      accept: ARTICLE_ACCEPT,
      acceptType: isHtmlType,
      maxBytes: config.FETCH_MAX_BYTES,
      validators: await validators.load(job.docId),
    });
    if (document.kind === 'not-modified') return { skipped: 'not-modified' };
    const links = linksOfPage(document.body.toString('utf8'), document.finalUrl);
    const urls = articleLinks(links.anchors, document.finalUrl, config.FETCH_DISCOVERY_MAX_URLS);
    const fetch = urls.flatMap((url) => urlJob({ url }, { kind: 'section', ref: job.url }, new Date()) ?? []);
    context.log.info({ url: job.url, articles: fetch.length }, 'read section page');
    return { next: { fetch }, onHandedOn: () => validators.save(job.docId, document.validators) };
  };
}
