import { gunzipSync, gzipSync } from 'node:zlib';
import type { RedisClient } from './connection.ts';
import { redisKeys } from '@newsflow/contracts';

/**
 * Raw pages travel from fetcher to cleaner through RedisClient, gzip-compressed and with a TTL, and are
 * deleted once cleaned: RedisClient memory stays bounded by the pages in flight, never by history.
 */
export const RAW_TTL_SECONDS = 24 * 3600;

export function rawKeyFor(prefix: string, docId: string): string {
  return redisKeys(prefix).raw(docId);
}

export async function putRaw(redis: RedisClient, key: string, body: Uint8Array): Promise<void> {
  await redis.set(key, gzipSync(body, { level: 6 }), 'EX', RAW_TTL_SECONDS);
}

export async function getRaw(redis: RedisClient, key: string): Promise<Uint8Array | null> {
  const stored = await redis.getBuffer(key);
  return stored ? new Uint8Array(gunzipSync(stored)) : null;
}

export async function deleteRaw(redis: RedisClient, key: string): Promise<void> {
  await redis.del(key);
}
