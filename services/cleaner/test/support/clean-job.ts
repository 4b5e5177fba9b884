import { docIdFor, normalizeUrl } from '@newsflow/contracts';
import type { CleanJob } from '@newsflow/contracts';
import { putRaw, rawKeyFor } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';

/** Puts `html` in RedisClient as the fetcher would and returns the clean job naming it. */
export async function storeCleanJob(
  redis: RedisClient,
  prefix: string,
  url: string,
  html: string,
  at = new Date().toISOString(),
): Promise<CleanJob> {
  const docId = docIdFor(normalizeUrl(url));
  const rawKey = rawKeyFor(prefix, docId);
  await putRaw(redis, rawKey, new TextEncoder().encode(html));
  return {
    docId,
    url,
    finalUrl: url,
    status: 200,
    fetchedAt: at,
    submittedAt: at,
    contentType: 'text/html; charset=utf-8',
    redirects: [],
    rawKey,
  };
}
