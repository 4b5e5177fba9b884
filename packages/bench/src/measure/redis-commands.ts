import type { Redis } from 'ioredis';

/** Calls per Redis command so far (INFO commandstats). */
export async function commandCalls(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1] as string, Number(match[2]));
  return calls;
}

/** Commands per item between two snapshots, most frequent first, with the total. */
export function callsPerItem(
  before: Map<string, number>,
  after: Map<string, number>,
  items: number,
): { total: number; top: Array<{ command: string; perItem: number }> } {
  const diff = [...after].map(([command, n]) => ({
    command,
    perItem: (n - (before.get(command) ?? 0)) / Math.max(1, items),
  }));
  const top = diff.filter((d) => d.perItem > 0).sort((a, b) => b.perItem - a.perItem);
  return { total: top.reduce((sum, d) => sum + d.perItem, 0), top: top.slice(0, 10) };
}
