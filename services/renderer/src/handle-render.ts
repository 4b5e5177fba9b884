import { cleanJobOf, withRecrawl } from '@newsflow/contracts';
import type { CleanJob, RenderJob } from '@newsflow/contracts';
import { defineStage, putRaw, rawKeyFor } from '@newsflow/runtime';
import type { HandlerContext, RedisClient, StageDefinition, StageResult } from '@newsflow/runtime';
import type { Renderer } from './create-renderer.ts';
import type { RenderedPage } from './render-page.ts';

/**
 * render stage: a JavaScript shell the cleaner found is loaded in Chromium, and the rendered DOM
 * goes back to clean by reference, as the fetcher hands a fetched page, marked `rendered` so the
 * cleaner fails it (js-shell) rather than sending it here again. Its raw key is its own: the
 * shell's clean job deletes the fetched page's key once it has handed this job on.
 */
export function createRenderStage(redis: RedisClient, renderer: Renderer, prefix: string): StageDefinition<'render'> {
  const render = async (job: RenderJob, { jobId, log }: HandlerContext): Promise<StageResult<'render'>> => {
    const page = await renderer.render(job.finalUrl, jobId);
    const body = new TextEncoder().encode(page.html);
    const rawKey = rawKeyFor(prefix, `${withRecrawl(job)}-rendered`);
    await putRaw(redis, rawKey, body);
    const { requests, bytesIn, refused } = page;
    log.info({ url: job.finalUrl, bytes: body.byteLength, requests, bytesIn, refused }, 'rendered');
    return { next: { clean: [cleanJobFor(job, page, rawKey)] } };
  };
  return defineStage('render', { render });
}

function cleanJobFor(job: RenderJob, page: RenderedPage, rawKey: string): CleanJob {
  const redirects = page.finalUrl === job.finalUrl ? page.redirects : [...page.redirects, job.finalUrl];
  const rendered = { ...page, contentType: 'text/html; charset=utf-8', redirects };
  return { ...cleanJobOf(job, rendered, rawKey), rendered: true };
}
