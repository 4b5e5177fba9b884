import { recrawlOf } from '@newsflow/contracts';
import type { FetchJob, RenderJob } from '@newsflow/contracts';

/**
 * Whether a page's host is one configured to always render (RENDER_HOSTS), or a subdomain of one:
 * `example.com` covers `www.example.com`, which a bare name often redirects to.
 */
export function alwaysRenders(url: string, hosts: readonly string[]): boolean {
  if (hosts.length === 0) return false;
  const host = new URL(url).hostname.replace(/\.$/, '');
  return hosts.some((listed) => host === listed || host.endsWith(`.${listed}`));
}

/** The render job for an article the fetcher does not fetch itself: the renderer gets the page, politely. */
export function renderJobOf(job: FetchJob, target: string): RenderJob {
  const at = new Date().toISOString();
  const { docId, url, submittedAt, hints } = job;
  return { docId, url, finalUrl: target, fetchedAt: at, submittedAt, ...(hints ? { hints } : {}), ...recrawlOf(job) };
}
