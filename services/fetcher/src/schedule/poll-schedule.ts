import type { Redis } from 'ioredis';
import { identityOf, jobIds, redisKeys } from '@newsflow/contracts';
import type { PollKind } from '@newsflow/contracts';

export interface PollSettings {
  minMs: number;
  maxMs: number;
  /** A source failing without a success for this long is retired. */
  retireAfterMs: number;
}

export interface PollSource {
  id: string;
  kind: PollKind;
  url: string;
  docId: string;
  state: 'active' | 'retired';
  intervalMs: number;
  polls: number;
  /** Articles the last successful poll listed that this source had never listed before. */
  lastNew: number;
  addedAt: string;
  lastPolledAt?: string;
  nextPollAt?: string;
  errors: number;
  firstErrorAt?: string;
  lastError?: string;
  retiredAt?: string;
}

// Claims the due sources at once: each is pushed to `lease` so no other poller takes it meanwhile.
const CLAIM = `local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids`;

/**
 * Adaptive polling, kept in Redis so it survives restarts: each source has its own interval between
 * min and max, halved by a poll that brings articles it never listed before and stretched by half
 * by one that does not (a 304 included). Errors stretch it too; failing for retireAfterMs retires it.
 */
export function createPollSchedule(redis: Redis, prefix: string, settings: PollSettings) {
  const keys = redisKeys(prefix);
  const read = async (id: string): Promise<PollSource | undefined> =>
    sourceOf(await redis.hgetall(keys.pollSource(id)));
  const reschedule = async (source: PollSource, fields: Record<string, string>, now: number): Promise<void> => {
    const next = now + source.intervalMs;
    await redis
      .multi()
      .hset(keys.pollSource(source.id), { ...fields, intervalMs: String(source.intervalMs), nextPollAt: iso(next) })
      .zadd(keys.pollDue, next, source.id)
      .exec();
  };
  return {
    settings,
    read,
    /** Adds a source (idempotent: a known one keeps its interval and history); first polled at `firstAt`. */
    async add(kind: PollKind, input: string, firstAt = Date.now()): Promise<PollSource> {
      const { url, docId } = identityOf(input);
      const id = jobIds.scheduler(kind, docId);
      const fields = {
        id,
        kind,
        url,
        docId,
        state: 'active',
        intervalMs: String(settings.minMs),
        polls: '0',
        lastNew: '0',
        errors: '0',
        addedAt: iso(Date.now()),
        nextPollAt: iso(firstAt),
      };
      const added = await redis.hsetnx(keys.pollSource(id), 'id', id);
      if (added === 1)
        await redis
          .multi()
          .hset(keys.pollSource(id), fields)
          .sadd(keys.pollSources, id)
          .zadd(keys.pollDue, 'NX', firstAt, id)
          .exec();
      return (await read(id))!;
    },
    async claimDue(now: number, limit = 100): Promise<PollSource[]> {
      const ids = (await redis.eval(CLAIM, 1, keys.pollDue, now, now + settings.maxMs, limit)) as string[];
      const sources = await Promise.all(ids.map(read));
      return sources.filter((source): source is PollSource => source?.state === 'active');
    },
    /** A poll's outcome: the docIds it listed (articles, child sitemaps). No-op for an unknown source. */
    async recordPoll(kind: PollKind, docId: string, listed: readonly string[], now = Date.now()): Promise<void> {
      const source = await read(jobIds.scheduler(kind, docId));
      if (!source || source.state !== 'active') return;
      const fresh = listed.length ? await redis.sadd(keys.pollSeen(source.id), ...listed) : 0;
      if (listed.length) await redis.expire(keys.pollSeen(source.id), 30 * 86_400);
      source.intervalMs = clamp(fresh > 0 ? source.intervalMs / 2 : source.intervalMs * 1.5, settings);
      await redis.hdel(keys.pollSource(source.id), 'firstErrorAt', 'lastError');
      await reschedule(
        source,
        { polls: String(source.polls + 1), lastNew: String(fresh), lastPolledAt: iso(now), errors: '0' },
        now,
      );
    },
    async recordError(kind: PollKind, docId: string, reason: string, now = Date.now()): Promise<void> {
      const source = await read(jobIds.scheduler(kind, docId));
      if (!source || source.state !== 'active') return;
      const firstErrorAt = source.firstErrorAt ?? iso(now);
      const fields = {
        errors: String(source.errors + 1),
        firstErrorAt,
        lastError: reason.slice(0, 500),
        lastPolledAt: iso(now),
      };
      if (now - Date.parse(firstErrorAt) < settings.retireAfterMs) {
        source.intervalMs = clamp(source.intervalMs * 1.5, settings);
        return reschedule(source, fields, now);
      }
      await redis
        .multi()
        .hset(keys.pollSource(source.id), { ...fields, state: 'retired', retiredAt: iso(now) })
        .hdel(keys.pollSource(source.id), 'nextPollAt')
        .zrem(keys.pollDue, source.id)
        .exec();
    },
    async list(state?: PollSource['state']): Promise<PollSource[]> {
      const ids = (await redis.smembers(keys.pollSources)).sort();
      const sources = (await Promise.all(ids.map(read))).filter((source): source is PollSource => source !== undefined);
      return state ? sources.filter((source) => source.state === state) : sources;
    },
  };
}
export type PollSchedule = ReturnType<typeof createPollSchedule>;

function clamp(intervalMs: number, settings: PollSettings): number {
  return Math.round(Math.min(settings.maxMs, Math.max(settings.minMs, intervalMs)));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function sourceOf(stored: Record<string, string>): PollSource | undefined {
  if (!stored.id || !stored.url) return undefined;
  const optional = ['lastPolledAt', 'nextPollAt', 'firstErrorAt', 'lastError', 'retiredAt'] as const;
  return {
    id: stored.id,
    kind: stored.kind as PollKind,
    url: stored.url,
    docId: stored.docId ?? '',
    state: stored.state === 'retired' ? 'retired' : 'active',
    intervalMs: Number(stored.intervalMs),
    polls: Number(stored.polls ?? 0),
    lastNew: Number(stored.lastNew ?? 0),
    errors: Number(stored.errors ?? 0),
    addedAt: stored.addedAt ?? '',
    ...Object.fromEntries(optional.filter((name) => stored[name]).map((name) => [name, stored[name]])),
  };
}
