/** The two commands clearPrefix needs (ioredis fits), so testkit needs no Redis client of its own. */
export interface PrefixRedis {
  scan(
    cursor: string,
    matchToken: 'MATCH',
    pattern: string,
    countToken: 'COUNT',
    count: number,
  ): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
}

/**
 * Deletes every key under a prefix (queues, payloads, raw pages, metrics, caches) a test or
 * benchmark made in a shared Redis. SCAN rather than KEYS: it never blocks the server.
 */
export async function clearPrefix(redis: PrefixRedis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
