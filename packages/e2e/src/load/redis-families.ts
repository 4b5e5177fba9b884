// Where a run's Redis memory is: every key under the run's prefix, MEMORY USAGE summed by family
// (a queue's job hashes, its completed set, the raw pages, the dedupe store's document entries…).
// Divided by the documents that ended, it is what each processed document leaves behind: the
// figure INTAKE_REDIS_KB_PER_JOB stands for.
import type { RedisClient } from '@newsflow/runtime';
import { scanServer } from '@newsflow/testkit';

export type FamilyBytes = Record<string, number>;

/**
 * A key's family, the run prefix taken off: BullMQ's named keys of a queue keep their name
 * (`{clean} completed`), its job hashes are `{clean} job` (and `{clean} job:logs`, `:lock`); any
 * other key keeps its fixed parts and shows each part that names one thing (a docId, a host, a job
 * id) as `*`: `raw:*`, `{cluster}:d:*`, `host:*:next`. A hash tag holding a colon (the story store
 * tags its keys with its whole prefix) is shown as `{}`.
 */
export function familyOf(key: string, prefix: string): string {
  const parts = key
    .slice(prefix.length + 1)
    .replace(/\{[^}]*:[^}]*\}/g, '{}')
    .split(':');
  const [first = '', queue = '', third] = parts;
  if (/^\{[a-z-]+\}$/.test(first) && first === `{${queue}}`) {
    if (third === undefined) return `${first} ?`;
    const rest = parts.slice(3);
    if (isQueueKeyName(third)) return `${first} ${third}`;
    return rest.length === 0 ? `${first} job` : `${first} job:${rest.join(':')}`;
  }
  return parts.map((part) => (isFixedPart(part) ? part : '*')).join(':');
}

/** A name the code writes (`raw`, `e0`, `{cluster}`), not an id: short, lowercase, not a run of hex. */
function isFixedPart(part: string): boolean {
  if (part === '{}') return true;
  return /^\{?[a-z][a-z0-9-]{0,15}\}?$/.test(part) && !/^[0-9a-f]{8,}$/.test(part);
}

/** BullMQ's own keys of a queue (not a job id): all lowercase words; job ids here hold digits or dots. */
function isQueueKeyName(part: string): boolean {
  return /^[a-z]+(-[a-z]+)*$/.test(part);
}

/** Bytes by family of every key under `prefix` on one server (MEMORY USAGE, pipelined per SCAN page). */
export async function redisFamilies(redis: RedisClient, prefix: string): Promise<FamilyBytes> {
  const bytes: FamilyBytes = {};
  for await (const keys of scanServer(redis as Parameters<typeof scanServer>[0], `${prefix}:*`)) {
    const usages = await memoryUsages(redis, keys);
    keys.forEach((key, i) => {
      const family = familyOf(key, prefix);
      bytes[family] = (bytes[family] ?? 0) + (usages[i] ?? 0);
    });
  }
  return bytes;
}

async function memoryUsages(redis: RedisClient, keys: readonly string[]): Promise<number[]> {
  if (keys.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.memory('USAGE', key);
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, usage]) => (error ? 0 : Number(usage ?? 0)));
}

/** The families holding most, largest first, as KB per document ended (one decimal). */
export function perDocument(families: FamilyBytes, documents: number, top = 12): Array<[string, number]> {
  const total = Object.values(families).reduce((sum, n) => sum + n, 0);
  const rows = Object.entries(families)
    .sort(([, a], [, b]) => b - a)
    .slice(0, top)
    .map(([family, n]): [string, number] => [family, kbPer(n, documents)]);
  return [['all keys', kbPer(total, documents)], ...rows];
}

function kbPer(bytes: number, documents: number): number {
  return Math.round((bytes / 1024 / Math.max(1, documents)) * 10) / 10;
}
