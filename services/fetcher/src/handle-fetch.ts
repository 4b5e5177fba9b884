import { DelayedError } from 'bullmq';
import type { Job } from 'bullmq';
import type { FetchJob } from '@newsflow/contracts';
import { enqueue, putRaw, rawKeyFor } from '@newsflow/runtime';
import type { StageContext } from '@newsflow/runtime';
import type { FetcherDeps } from './create-fetcher.ts';
import { HttpStatusError, fetchDocument, isHtmlType } from './fetch-document.ts';
import type { DocumentRequest, FetchedDocument } from './fetch-document.ts';
import { toStageError } from './net/errors.ts';
import { checkTarget } from './net/ssrf-guard.ts';
import { admit } from './politeness/admission.ts';
import { HostBusyError, createPermitChain } from './politeness/permit-chain.ts';
import type { PermitChain } from './politeness/permit-chain.ts';
import { createValidatorStore, expandDiscovery } from './discovery/expand.ts';

const ARTICLE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';
const FEED_ACCEPT = 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1';

/**
 * fetch stage: robots.txt and per-host pacing first (a busy host parks the job, not the worker),
 * then the guarded GET. Articles go to Redis and on to the cleaner; feeds and sitemaps expand
 * into more fetch jobs.
 */
export function createFetchHandler(deps: FetcherDeps) {
  const { config, redis } = deps;
  const prefix = config.NEWSFLOW_QUEUE_PREFIX;
  const validators = createValidatorStore(redis, prefix);
  return async (job: FetchJob, context: StageContext): Promise<void> => {
    const { log, queues } = context;
    // No skip on another page's word (its redirect target or canonical link): every URL is fetched
    // and goes on; copies of one document are recognised by the dedupe stage, which keeps them all.
    // The identity is the normalised URL; the request goes to the URL as it was submitted.
    const requested = job.fetchUrl ?? job.url;
    const url = checkTarget(requested, deps.client.allow);
    const admission = await admit(deps.policy, url, context.job.id ?? job.docId);
    if (admission.kind === 'wait') return postpone(context.job, admission.waitMs);
    const stored = job.discover ? await validators.load(job.docId) : undefined;
    const permits = createPermitChain(deps.policy, admission.permit, context.job.id ?? job.docId);
    const document = await fetchWithPermits(deps, permits, requested, {
      accept: job.discover ? FEED_ACCEPT : ARTICLE_ACCEPT,
      acceptType: job.discover ? undefined : isHtmlType,
      maxBytes: job.discover ? config.FETCH_MAX_FEED_BYTES : config.FETCH_MAX_BYTES,
      maxRedirects: config.FETCH_MAX_REDIRECTS,
      validators: stored,
      beforeRedirect: (next) => permits.enter(next),
    }).catch((error: unknown) => {
      if (error instanceof HostBusyError) return postpone(context.job, error.waitMs);
      throw error;
    });
    if (document.kind === 'not-modified') {
      log.info({ url: job.url }, 'not modified since last poll');
      return;
    }
    if (job.discover) {
      const pollId = String(context.job.timestamp);
      const now = new Date();
      const result = await expandDiscovery(job, pollId, document.body, document.contentType, queues, {
        maxBytes: config.FETCH_MAX_FEED_BYTES,
        maxAgeDays: config.FETCH_SITEMAP_MAX_AGE_DAYS,
        now,
        limits: { maxUrls: config.FETCH_DISCOVERY_MAX_URLS, maxChildren: config.FETCH_SITEMAP_MAX_CHILDREN },
      });
      await validators.save(job.docId, document.validators);
      log[result.overflow ? 'warn' : 'info']({ url: job.url, ...result }, `expanded ${job.discover}`);
      if (result.overflow) await context.job.log(`${result.overflow} entries over the cap were not enqueued`);
      return;
    }
    const rawKey = rawKeyFor(prefix, job.docId);
    await putRaw(redis, rawKey, document.body);
    await enqueue(queues.clean, job.docId, {
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
    });
    log.info({ url: job.url, finalUrl: document.finalUrl, bytes: document.body.byteLength }, 'fetched');
  };
}

/** The GET itself, with the host slots released afterwards and 429/503 slowing the host down. */
async function fetchWithPermits(
  deps: FetcherDeps,
  permits: PermitChain,
  url: string,
  request: DocumentRequest,
): Promise<FetchedDocument> {
  const { pacer } = deps.policy;
  try {
    return await fetchDocument(deps.client, url, request);
  } catch (error) {
    const failure = toStageError(error);
    if (failure instanceof HttpStatusError && (failure.reason === 'http-429' || failure.retryAfterMs !== undefined)) {
      await pacer.penalize(failure.host, failure.retryAfterMs ?? Math.max(permits.delayMsOf(failure.host) * 4, 5_000));
    }
    throw failure;
  } finally {
    await permits.releaseAll();
  }
}

/**
 * Parks the job in BullMQ's delayed set until the host may be asked again, freeing the worker
 * slot; DelayedError tells BullMQ this is neither a success nor a failed attempt.
 */
async function postpone(job: Job, waitMs: number): Promise<never> {
  const jitter = Math.floor(Math.random() * 50);
  await job.moveToDelayed(Date.now() + waitMs + jitter, job.token);
  throw new DelayedError();
}
