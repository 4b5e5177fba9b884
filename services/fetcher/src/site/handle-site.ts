import { StageError } from '@newsflow/contracts';
import type { DiscoveryJob, FetchJob, PollKind } from '@newsflow/contracts';
import type { HandlerContext, StageResult } from '@newsflow/runtime';
import type { FetcherDeps } from '../create-fetcher.ts';
import { urlJob } from '../discovery/expand.ts';
import { ARTICLE_ACCEPT, isHtmlType } from '../fetch-document.ts';
import { pauseWhileBacklogged } from '../discovery/backlog-pause.ts';
import { politeGet } from '../polite-get.ts';
import type { PollSchedule } from '../schedule/poll-schedule.ts';
import { linksOfPage } from './page-links.ts';
import { probeCommonPaths, robotsSitemaps } from './probe-paths.ts';
import { createSiteSteps } from './site-steps.ts';
import { articleLinks, sectionLinks } from './score-links.ts';

const MAX_SECTIONS = 8;

interface HomePage {
  finalUrl: string;
  feeds: string[];
  articles: string[];
  sections: string[];
}

/**
 * A site's home page → what to poll: its announced feeds and robots.txt sitemaps; else feeds and
 * sitemaps at the common paths; else its article links now, and the home and section pages polled
 * for new ones. Nothing at all is the listed failure `nothing-found`.
 */
export function createSiteHandler(deps: FetcherDeps, schedule: PollSchedule) {
  const { config, redis } = deps;
  return async (job: DiscoveryJob, context: HandlerContext): Promise<StageResult<'fetch'>> => {
    await pauseWhileBacklogged(deps.backlog);
    const steps = createSiteSteps(redis, config.NEWSFLOW_QUEUE_PREFIX, context.jobId);
    const home = await steps.once('home', () => readHome(deps, job, context.jobId));
    const origin = new URL(home.finalUrl).origin;
    let sitemaps = await steps.once('robots', () => robotsSitemaps(deps, origin));
    let feeds = home.feeds;
    if (!feeds.length && !sitemaps.length)
      ({ feeds, sitemaps } = await probeCommonPaths(deps, steps, origin, context.jobId));
    const polledAt = new Date(context.createdAt);
    const source = { kind: 'site' as const, ref: job.url };
    const register = (kind: PollKind, urls: string[]) => async () => {
      for (const url of urls) await schedule.add(kind, url, Date.now() + schedule.settings.minMs);
    };
    const done =
      (...registers: Array<() => Promise<void>>) =>
      async () => {
        for (const run of registers) await run();
        await steps.clear();
      };
    context.log.info(
      { url: job.url, feeds: feeds.length, sitemaps: sitemaps.length, articles: home.articles.length },
      'discovered site',
    );
    if (feeds.length || sitemaps.length) {
      const next = { feed: pollJobs(feeds, source, polledAt), sitemap: pollJobs(sitemaps, source, polledAt) };
      return { next, onHandedOn: done(register('feed', feeds), register('sitemap', sitemaps)) };
    }
    if (!home.articles.length)
      throw new StageError('nothing-found', `no feed, sitemap or article link found on ${home.finalUrl}`);
    const fetch = home.articles.flatMap(
      (url) => urlJob({ url }, { kind: 'section', ref: home.finalUrl }, new Date()) ?? [],
    );
    return { next: { fetch }, onHandedOn: done(register('section', [home.finalUrl, ...home.sections])) };
  };
}

async function readHome(deps: FetcherDeps, job: DiscoveryJob, jobId: string): Promise<HomePage> {
  const document = await politeGet(deps, job.fetchUrl ?? job.url, jobId, {
    accept: ARTICLE_ACCEPT,
    acceptType: isHtmlType,
    maxBytes: deps.config.FETCH_MAX_BYTES,
  });
  if (document.kind !== 'fetched') throw new StageError('http-4xx', `unexpected 304 for ${job.url}`);
  const links = linksOfPage(document.body.toString('utf8'), document.finalUrl);
  return {
    finalUrl: document.finalUrl,
    feeds: links.feeds.slice(0, 10),
    articles: articleLinks(links.anchors, document.finalUrl, deps.config.FETCH_DISCOVERY_MAX_URLS),
    sections: sectionLinks(links.anchors, document.finalUrl, MAX_SECTIONS),
  };
}

function pollJobs(urls: string[], source: FetchJob['source'], polledAt: Date): DiscoveryJob[] {
  return urls.flatMap((url) => {
    const job = urlJob({ url }, source, polledAt);
    return job ? [{ ...job, depth: 0 }] : [];
  });
}
