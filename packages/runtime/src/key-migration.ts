// One-time move of a standalone (or Sentinel) Redis from the key layout of versions before the
// Redis Cluster work to the hash-tagged one: each queue's BullMQ keys from `<p>:<queue>:…` to
// `<p>:{<queue>}:<queue>:…`, the metrics from `<p>:metrics…` to `<p>:{metrics}…`, and the dedupe
// store from `<p>:cluster:…` to `<p>:{cluster}:…` (the relabel entries move themselves at indexer
// start). Run it once with every worker stopped; RENAMENX never overwrites a key the new version
// already wrote, and a second run finds nothing left to move.
import { QUEUE_NAMES, redisKeys } from '@newsflow/contracts';
import { Cluster } from 'ioredis';
import type { RedisClient } from './connection.ts';
import { queuePrefix } from './queue-prefix.ts';

export interface KeyMove {
  /** old key prefix, ending in ':' or the full old name */
  from: string;
  to: string;
  /** old keys under `from` that are not this family's (they move on their own) */
  except?: readonly string[];
}

/** Old → new prefixes for one NEWSFLOW_QUEUE_PREFIX. */
export function layoutMoves(prefix: string): KeyMove[] {
  const keys = redisKeys(prefix);
  // the relabel keys sat under `<p>:index:` too; the indexer moves them itself at start
  const legacyRelabels = [keys.legacyRelabels.hash, keys.legacyRelabels.at];
  const queues = QUEUE_NAMES.map((queue) => ({
    from: `${prefix}:${queue}:`,
    to: `${queuePrefix(prefix, queue)}:${queue}:`,
    except: legacyRelabels,
  }));
  return [
    ...queues,
    { from: `${prefix}:metrics:`, to: `${keys.metrics}:` },
    { from: `${prefix}:cluster:`, to: `${keys.cluster}:` },
  ];
}

export interface MoveReport {
  moved: number;
  /** old keys left in place because the new name already existed */
  kept: string[];
}

/** Renames every key under each `from` to the same suffix under `to`, on one server. */
export async function moveKeys(redis: RedisClient, moves: readonly KeyMove[]): Promise<MoveReport> {
  if (redis instanceof Cluster) throw new Error('a Redis Cluster never held the old layout: nothing to move');
  const report: MoveReport = { moved: 0, kept: [] };
  for (const move of moves) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(move.from)}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        if (move.except?.includes(key)) continue;
        const target = move.to + key.slice(move.from.length);
        if ((await redis.renamenx(key, target).catch(() => 0)) === 1) report.moved++;
        else if ((await redis.exists(key)) === 1) report.kept.push(key);
      }
    } while (cursor !== '0');
  }
  return report;
}

/** SCAN MATCH treats * ? [ ] \ as pattern syntax; a prefix is matched literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
