import { redisKeys } from '@newsflow/contracts';

/** The Redis commands the store needs (ioredis fits), so this package needs no Redis client. */
export interface RelabelRedis {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  hmget(key: string, ...fields: string[]): Promise<Array<string | null>>;
  hscan(key: string, cursor: string, countToken: 'COUNT', count: number): Promise<[string, string[]]>;
  del(key: string): Promise<number>;
}

/** The latest cluster merge recorded for a document. */
export interface Relabel {
  clusterId: string;
  mergeSeq: number;
}

/**
 * Compare-and-set in one script (KEYS: the hash and its time index, one hash tag so one slot): a document's entry only moves to a higher mergeSeq, so a replayed
 * or late older merge never undoes a newer one (Elasticsearch has no scripting here to do it there).
 * Each entry's last write time is kept in a sorted set, and entries past the retention are dropped
 * a batch at a time, so the store holds recent merges rather than every merge ever made.
 */
const RECORD_SCRIPT = `
local seq = tonumber(ARGV[1])
local now = tonumber(ARGV[3])
local applied = 0
for i = 5, #ARGV do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  local currentSeq = -1
  if current then currentSeq = tonumber(string.match(current, '^(%d+)|')) end
  if seq > currentSeq then
    redis.call('HSET', KEYS[1], ARGV[i], seq .. '|' .. ARGV[2])
    redis.call('ZADD', KEYS[2], now, ARGV[i])
    applied = applied + 1
  end
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[4], 'LIMIT', 0, 1000)
if #expired > 0 then
  redis.call('HDEL', KEYS[1], unpack(expired))
  redis.call('ZREM', KEYS[2], unpack(expired))
end
return applied`;

/**
 * How long a merge stays recorded. It must outlive anything that can still carry the document's
 * old cluster: an upsert waiting in Redis (its payload lives 35 days) or a reindex copying it.
 */
export const RELABEL_RETENTION_MS = 40 * 24 * 3600 * 1000;

/**
 * Cluster merges are recorded in Redis before they are applied to Elasticsearch. It is the source
 * of truth for merges: an upsert that arrives after its merge (the relabel found no document) takes
 * the merged cluster from here, and a reindex re-applies the entries to the copied documents
 * (a merge applied to the old index after its document was copied would otherwise be lost).
 */
export interface RelabelStore {
  record(docIds: string[], relabel: Relabel): Promise<number>;
  lookup(docIds: string[]): Promise<Map<string, Relabel>>;
  /** Every recorded merge, in pages (for reconciliation after a reindex). */
  scan(): AsyncGenerator<Array<[string, Relabel]>>;
}

export function relabelStoreKey(queuePrefix: string): string {
  return redisKeys(queuePrefix).relabels;
}

/** Pages of [docId, relabel] entries of one relabel hash. */
async function* relabelPages(redis: RelabelRedis, key: string): AsyncGenerator<Array<[string, Relabel]>> {
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(key, cursor, 'COUNT', 500);
    cursor = next;
    const page: Array<[string, Relabel]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const parsed = parseRelabel(flat[i + 1]!);
      if (parsed) page.push([flat[i]!, parsed]);
    }
    if (page.length > 0) yield page;
  } while (cursor !== '0');
}

/**
 * One-time move of the relabel entries from where older versions kept them (`…:index:relabels` and
 * its `:at` index, two Redis Cluster slots) into the store's one-slot keys. Entries go through
 * `record`, so a newer merge already in the new keys wins, and two indexers starting at once (or
 * one restarted halfway) move the same entries harmlessly; the old keys are deleted last. Moved
 * entries start their retention again (they are kept a little longer, never dropped early).
 */
export async function migrateLegacyRelabels(redis: RelabelRedis, queuePrefix: string): Promise<number> {
  const legacy = redisKeys(queuePrefix).legacyRelabels;
  const store = createRelabelStore(redis, queuePrefix);
  let moved = 0;
  for await (const page of relabelPages(redis, legacy.hash)) {
    const groups = new Map<string, { relabel: Relabel; docIds: string[] }>();
    for (const [docId, relabel] of page) {
      const id = `${relabel.mergeSeq}|${relabel.clusterId}`;
      const group = groups.get(id) ?? { relabel, docIds: [] };
      group.docIds.push(docId);
      groups.set(id, group);
    }
    for (const { relabel, docIds } of groups.values()) await store.record(docIds, relabel);
    moved += page.length;
  }
  await redis.del(legacy.hash);
  await redis.del(legacy.at); // one key per call: the two sit in different Cluster slots
  return moved;
}

export function createRelabelStore(
  redis: RelabelRedis,
  queuePrefix: string,
  options: { retentionMs?: number; now?: () => number } = {},
): RelabelStore {
  const key = relabelStoreKey(queuePrefix);
  const atKey = redisKeys(queuePrefix).relabelsAt;
  const retentionMs = options.retentionMs ?? RELABEL_RETENTION_MS;
  const now = options.now ?? Date.now;
  return {
    record: async (docIds, relabel) => {
      const at = now();
      return Number(
        await redis.eval(
          RECORD_SCRIPT,
          2,
          key,
          atKey,
          relabel.mergeSeq,
          relabel.clusterId,
          at,
          at - retentionMs,
          ...docIds,
        ),
      );
    },
    lookup: async (docIds) => {
      const found = new Map<string, Relabel>();
      if (docIds.length === 0) return found;
      const values = await redis.hmget(key, ...docIds);
      values.forEach((value, i) => {
        const parsed = value === null ? null : parseRelabel(value);
        if (parsed) found.set(docIds[i]!, parsed);
      });
      return found;
    },
    scan: () => relabelPages(redis, key),
  };
}

/** Pure: "seq|clusterId" → Relabel. */
export function parseRelabel(value: string): Relabel | null {
  const bar = value.indexOf('|');
  const mergeSeq = Number(value.slice(0, bar));
  if (bar < 1 || !Number.isInteger(mergeSeq)) return null;
  return { mergeSeq, clusterId: value.slice(bar + 1) };
}
