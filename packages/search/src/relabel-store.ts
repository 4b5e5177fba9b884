/** The Redis commands the store needs (ioredis fits), so this package needs no Redis client. */
export interface RelabelRedis {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  hmget(key: string, ...fields: string[]): Promise<Array<string | null>>;
  hscan(key: string, cursor: string, countToken: 'COUNT', count: number): Promise<[string, string[]]>;
}

/** The latest cluster merge recorded for a document. */
export interface Relabel {
  clusterId: string;
  mergeSeq: number;
}

/**
 * Compare-and-set in one script: a document's entry only moves to a higher mergeSeq, so a replayed
 * or late older merge never undoes a newer one (Elasticsearch has no scripting here to do it there).
 */
const RECORD_SCRIPT = `
local seq = tonumber(ARGV[1])
local applied = 0
for i = 3, #ARGV do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  local currentSeq = -1
  if current then currentSeq = tonumber(string.match(current, '^(%d+)|')) end
  if seq > currentSeq then
    redis.call('HSET', KEYS[1], ARGV[i], seq .. '|' .. ARGV[2])
    applied = applied + 1
  end
end
return applied`;

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
  return `${queuePrefix}:index:relabels`;
}

export function createRelabelStore(redis: RelabelRedis, queuePrefix: string): RelabelStore {
  const key = relabelStoreKey(queuePrefix);
  return {
    record: async (docIds, relabel) => Number(await redis.eval(RECORD_SCRIPT, 1, key, relabel.mergeSeq, relabel.clusterId, ...docIds)),
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
    scan: async function* () {
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
    },
  };
}

/** Pure: "seq|clusterId" → Relabel. */
export function parseRelabel(value: string): Relabel | null {
  const bar = value.indexOf('|');
  const mergeSeq = Number(value.slice(0, bar));
  if (bar < 1 || !Number.isInteger(mergeSeq)) return null;
  return { mergeSeq, clusterId: value.slice(bar + 1) };
}
