// Where a run's state sits on a Redis Cluster: memory per master, and which key families (hash
// tags, or untagged keys spread by their own hash) each master holds.
import { redisMasters } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';

/** used_memory of every master, by port. */
export async function memoryByMaster(redis: RedisClient): Promise<Map<number, number>> {
  const entries = await Promise.all(
    redisMasters(redis).map(async (master) => {
      const info = await master.info('memory');
      return [Number(master.options.port), Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0)] as const;
    }),
  );
  return new Map(entries);
}

/** Per master: its memory, and its keys under the prefix by family (`{tag}`, or `untagged`). */
export async function slotSpread(redis: RedisClient, prefix: string): Promise<string[]> {
  const memory = await memoryByMaster(redis);
  const lines: string[] = [];
  for (const master of redisMasters(redis)) {
    const families = new Map<string, number>();
    let cursor = '0';
    do {
      const [next, keys] = await master.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const tag = /\{([^}]+)\}/.exec(key)?.[1];
        const family = tag === undefined ? 'untagged' : tag.includes('.') || tag.includes(':') ? '{host}' : `{${tag}}`;
        families.set(family, (families.get(family) ?? 0) + 1);
      }
    } while (cursor !== '0');
    const port = Number(master.options.port);
    const spread = [...families].sort((a, b) => b[1] - a[1]).map(([family, count]) => `${family} ${count}`);
    lines.push(`master ${port}: ${((memory.get(port) ?? 0) / 1e6).toFixed(1)} MB, keys ${spread.join(', ') || 'none'}`);
  }
  return lines;
}
