/** The two commands a server needs for clearPrefix (ioredis `Redis` fits), so testkit needs no Redis client of its own. */
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

/** A Redis Cluster (ioredis `Cluster` fits): SCAN sees one server's keys, so each master is scanned. */
export interface PrefixCluster {
  nodes(role: 'master'): PrefixRedis[];
}

function isCluster(redis: PrefixRedis | PrefixCluster): redis is PrefixCluster {
  return typeof (redis as Partial<PrefixCluster>).nodes === 'function';
}

/** The servers that hold keys: every master of a cluster, or the one server. */
function mastersOf(redis: PrefixRedis | PrefixCluster): PrefixRedis[] {
  return isCluster(redis) ? redis.nodes('master') : [redis];
}

/** Pages of keys matching a pattern on one server, by SCAN (never KEYS: it would block the server). */
export async function* scanServer(redis: PrefixRedis, pattern: string): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) yield keys;
  } while (cursor !== '0');
}

/** Every key matching a pattern, on a standalone server or on every master of a cluster. */
export async function listKeys(redis: PrefixRedis | PrefixCluster, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for (const server of mastersOf(redis)) for await (const keys of scanServer(server, pattern)) found.push(...keys);
  return found;
}

/**
 * Deletes every key under a prefix (queues, payloads, raw pages, metrics, caches) a test or
 * benchmark made in a shared Redis, or on every master of a cluster. There a multi-key DEL would
 * be refused when its keys sit in different slots (CROSSSLOT), so each key goes on its own.
 */
export async function clearPrefix(redis: PrefixRedis | PrefixCluster, prefix: string): Promise<void> {
  if (!isCluster(redis)) {
    for await (const keys of scanServer(redis, `${prefix}:*`)) await redis.del(...keys);
    return;
  }
  const clearMaster = async (master: PrefixRedis) => {
    for await (const keys of scanServer(master, `${prefix}:*`)) await Promise.all(keys.map((key) => master.del(key)));
  };
  await Promise.all(mastersOf(redis).map(clearMaster));
}
