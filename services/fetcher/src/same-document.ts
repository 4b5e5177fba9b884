import type { Redis } from 'ioredis';
import { identityOf } from '@newsflow/contracts';

/*
 * When is a submitted URL "already fetched under another URL"? Only when its own fetch says so:
 * it was redirected, and ended at the very URL where an earlier fetch of another document ended.
 * A page's claims about other URLs (a rel=canonical, or redirecting to a victim URL) prove nothing
 * about those URLs, so they never make another page vanish; a claimed URL is fetched on its own.
 */

const TTL_SECONDS = 24 * 3600;

const keyOf = (prefix: string, finalUrl: string): string => `${prefix}:fetched-final:${identityOf(finalUrl).docId}`;

/** Records where this document's own fetch ended (first fetch wins for the window). */
export async function recordFetchedFinal(redis: Redis, prefix: string, finalUrl: string, docId: string): Promise<void> {
  await redis.set(keyOf(prefix, finalUrl), docId, 'EX', TTL_SECONDS, 'NX');
}

/**
 * The earlier document this fetch turned out to be, or null: set only when this fetch was
 * redirected and ended where another document's fetch ended.
 */
export async function sameDocumentAs(
  redis: Redis,
  prefix: string,
  docId: string,
  fetched: { finalUrl: string; redirects: string[] },
): Promise<string | null> {
  if (fetched.redirects.length === 0) return null;
  const earlier = await redis.get(keyOf(prefix, fetched.finalUrl));
  return earlier && earlier !== docId ? earlier : null;
}
