import { redisKeys } from '@newsflow/contracts';
import type { RedisClient } from './connection.ts';

/** One indexed article in the re-crawl schedule: its next step (1 = the first re-fetch). */
export interface RecrawlEntry {
  docId: string;
  /** The normalised URL: the document's identity. */
  url: string;
  /** What to request, when it differs from `url`: the URL the article was last served from (after redirects). */
  fetchUrl?: string;
  step: number;
  firstFetchMs: number;
}

export interface FirstFetch {
  docId: string;
  url: string;
  fetchUrl?: string;
  /** When the article was first fetched (ms): every step is an offset from it. */
  firstFetchMs: number;
}

// Adds entries that are not there yet (HSETNX), each with its due time: ARGV is (docId, entry, due)*.
// An article already scheduled is left as it is; one whose schedule ran out (removed) is not added
// again, since its first fetch time puts every step in the past (see add).
const ADD = `local added = 0
for i = 1, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('ZADD', KEYS[1], ARGV[i + 2], ARGV[i])
    added = added + 1
  end
end
return added`;

// Due entries, each pushed to now + lease so that no other fetcher claims it while this one enqueues it.
const CLAIM = `local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local out = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
  local entry = redis.call('HGET', KEYS[2], id)
  if entry then table.insert(out, id); table.insert(out, entry) else redis.call('ZREM', KEYS[1], id) end
end
return out`;

// Moves an entry on from the step it was claimed at (only if nobody moved it meanwhile): to the next
// step and its due time, or out of the schedule when ARGV[3] is empty.
const ADVANCE = `if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[2], ARGV[1]); redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3]); redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
end
return 1`;

/**
 * The re-crawl schedule, in Redis so that it survives restarts: a sorted set of due times and a hash
 * of where each article is in RECRAWL_SCHEDULE (`offsets`, ms after its first fetch). The indexer
 * adds each article it indexed; the fetcher's loop claims due entries, queues their re-fetch and
 * moves them on. Every key shares the `{recrawl}` hash tag, so each script runs on one Cluster slot.
 */
export function createRecrawlSchedule(redis: RedisClient, prefix: string, offsets: readonly number[]) {
  const keys = redisKeys(prefix);
  const slot = [keys.recrawlDue, keys.recrawlEntries] as const;
  return {
    offsets,
    enabled: offsets.length > 0,
    /** Schedules articles at the first step still ahead of `now` (none ahead: not scheduled); one round trip. */
    async add(articles: readonly FirstFetch[], now = Date.now()): Promise<number> {
      const args = articles.flatMap((article) => {
        const step = offsets.findIndex((offset) => article.firstFetchMs + offset > now) + 1;
        if (step === 0) return [];
        const entry: RecrawlEntry = { ...article, step };
        return [article.docId, encode(entry), String(dueOf(entry, offsets))];
      });
      if (args.length === 0) return 0;
      return (await redis.eval(ADD, 2, ...slot, ...args)) as number;
    },
    /** Entries due by `now`, leased for `leaseMs` (a claimer that dies lets them come back). */
    async claimDue(now: number, limit: number, leaseMs: number): Promise<RecrawlEntry[]> {
      const flat = (await redis.eval(CLAIM, 2, ...slot, now, now + leaseMs, limit)) as string[];
      const entries: RecrawlEntry[] = [];
      for (let i = 0; i < flat.length; i += 2) entries.push(decode(flat[i]!, flat[i + 1]!));
      return entries;
    },
    /** After the entry's re-fetch was queued: on to its next step, or out once the schedule has run out. */
    async advance(entry: RecrawlEntry): Promise<boolean> {
      const next = { ...entry, step: entry.step + 1 };
      const ends = next.step > offsets.length;
      const args = [entry.docId, encode(entry), ends ? '' : encode(next), ends ? '0' : String(dueOf(next, offsets))];
      return (await redis.eval(ADVANCE, 2, ...slot, ...args)) === 1;
    },
    /** Where an article is in the schedule (undefined: not scheduled, or done). */
    async read(docId: string): Promise<(RecrawlEntry & { dueMs: number }) | undefined> {
      const [entry, due] = await Promise.all([
        redis.hget(keys.recrawlEntries, docId),
        redis.zscore(keys.recrawlDue, docId),
      ]);
      return entry === null ? undefined : { ...decode(docId, entry), dueMs: Number(due) };
    },
    async size(): Promise<number> {
      return redis.hlen(keys.recrawlEntries);
    },
  };
}
export type RecrawlSchedule = ReturnType<typeof createRecrawlSchedule>;

function dueOf(entry: Pick<RecrawlEntry, 'step' | 'firstFetchMs'>, offsets: readonly number[]): number {
  return entry.firstFetchMs + offsets[entry.step - 1]!;
}

/** `step|firstFetchMs|url[ fetchUrl]`: a space cannot be in either URL (both are serialised URLs). */
function encode(entry: RecrawlEntry): string {
  const urls =
    entry.fetchUrl === undefined || entry.fetchUrl === entry.url ? entry.url : `${entry.url} ${entry.fetchUrl}`;
  return `${entry.step}|${entry.firstFetchMs}|${urls}`;
}

function decode(docId: string, value: string): RecrawlEntry {
  const [step, first] = value.split('|', 2);
  const [url, fetchUrl] = value.slice(`${step}|${first}|`.length).split(' ', 2);
  const entry: RecrawlEntry = { docId, url: url!, step: Number(step), firstFetchMs: Number(first) };
  if (fetchUrl !== undefined) entry.fetchUrl = fetchUrl;
  return entry;
}
