import type { FetchJob } from '@newsflow/contracts';
import type { Config } from '@newsflow/config';
import { enqueue, putRaw, rawKeyFor } from '@newsflow/runtime';
import type { StageContext } from '@newsflow/runtime';
import type { Redis } from 'ioredis';
import { assertPublicHost } from './address-guard.ts';
import { fetchPage } from './fetch-page.ts';

export type FetcherConfig = Pick<Config, 'FETCH_TIMEOUT_MS' | 'FETCH_MAX_BYTES' | 'FETCH_USER_AGENT' | 'FETCH_ALLOW_PRIVATE' | 'NEWSFLOW_QUEUE_PREFIX'>;

/** fetch stage: download the page, park the raw bytes in Redis, hand a clean job on. */
export function createFetchHandler(config: FetcherConfig, redis: Redis) {
  return async (job: FetchJob, { queues, log }: StageContext): Promise<void> => {
    await assertPublicHost(job.url, config.FETCH_ALLOW_PRIVATE);
    const page = await fetchPage(job.url, {
      timeoutMs: config.FETCH_TIMEOUT_MS,
      maxBytes: config.FETCH_MAX_BYTES,
      userAgent: config.FETCH_USER_AGENT,
    });
    const rawKey = rawKeyFor(config.NEWSFLOW_QUEUE_PREFIX, job.docId);
    await putRaw(redis, rawKey, page.body);
    await enqueue(queues.clean, job.docId, {
      docId: job.docId,
      url: job.url,
      finalUrl: page.finalUrl,
      status: page.status,
      fetchedAt: new Date().toISOString(),
      submittedAt: job.submittedAt,
      contentType: page.contentType,
      redirects: page.redirects,
      rawKey,
      hints: job.hints,
    });
    log.info({ url: job.url, bytes: page.body.byteLength }, 'fetched');
  };
}
