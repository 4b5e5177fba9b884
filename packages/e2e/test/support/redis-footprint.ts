// Where a run's state sits on a Redis Cluster: memory per master, and which key families (hash
// tags, or untagged keys spread by their own hash) each master holds.
import { redisMasters } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';
import type { Redis } from 'ioredis';

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

export interface SlotSpread {
  /** one line per master: its memory, and its keys under the prefix by family with their bytes */
  lines: string[];
  /** MEMORY USAGE summed by family (`{tag}`, `{host}` for the per-host tags, or `untagged`) */
  bytesByFamily: Map<string, number>;
}

function familyOf(key: string): string {
  const tag = /\{([^}]+)\}/.exec(key)?.[1];
  if (tag === undefined) return 'untagged';
  return tag.includes('.') || tag.includes(':') ? '{host}' : `{${tag}}`;
}

/** Every key of the prefix on one master, with its MEMORY USAGE, summed by family. */
async function familiesOf(master: Redis, prefix: string): Promise<Map<string, { keys: number; bytes: number }>> {
  const families = new Map<string, { keys: number; bytes: number }>();
  let cursor = '0';
  do {
    const [next, keys] = await master.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    const sizes = await Promise.all(keys.map((key) => master.memory('USAGE', key).catch(() => 0)));
    keys.forEach((key, i) => {
      const family = families.get(familyOf(key)) ?? { keys: 0, bytes: 0 };
      family.keys += 1;
      family.bytes += Number(sizes[i] ?? 0);
      families.set(familyOf(key), family);
    });
  } while (cursor !== '0');
  return families;
}

/** Where a run's keys sit: per master, and in total by family. */
export async function slotSpread(redis: RedisClient, prefix: string): Promise<SlotSpread> {
  const memory = await memoryByMaster(redis);
  const lines: string[] = [];
  const bytesByFamily = new Map<string, number>();
  for (const master of redisMasters(redis)) {
    const families = [...(await familiesOf(master, prefix))].sort((a, b) => b[1].bytes - a[1].bytes);
    for (const [family, { bytes }] of families) bytesByFamily.set(family, (bytesByFamily.get(family) ?? 0) + bytes);
    const port = Number(master.options.port);
    const spread = families.map(([family, f]) => `${family} ${f.keys} keys ${(f.bytes / 1e6).toFixed(2)} MB`);
    lines.push(
      `master ${port}: used ${((memory.get(port) ?? 0) / 1e6).toFixed(1)} MB; ${spread.join(', ') || 'no keys'}`,
    );
  }
  return { lines, bytesByFamily };
}

/** Bytes per document by family, largest first, and their total: "{dedupe} 9,100, … = 16,000". */
export function perDocument(bytesByFamily: Map<string, number>, documents: number): string {
  const rows = [...bytesByFamily].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, bytes]) => sum + bytes, 0);
  const each = rows.map(([family, bytes]) => `${family} ${Math.round(bytes / documents)}`);
  return `${each.join(', ')} = ${Math.round(total / documents)} bytes per document in keys`;
}
