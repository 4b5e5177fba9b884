import type { RedisClient } from '@newsflow/runtime';
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

interface Store {
  redis: RedisClient;
  keys: ReturnType<typeof redisKeys>;
  settings: PollSettings;
}

/**
 * Adaptive polling, kept in Redis so it survives restarts: each source has its own interval between
 * min and max, halved by a poll that brings articles it never listed before and stretched by half
 * by one that does not (a 304 included). Errors stretch it too; failing for retireAfterMs retires it.
 */
export function createPollSchedule(redis: RedisClient, prefix: string, settings: PollSettings) {
  const store: Store = { redis, keys: redisKeys(prefix), settings };
  return {
    settings,
    read: (id: string) => readSource(store, id),
    /** Adds a source (idempotent: a known one keeps its interval and history); first polled at `firstAt`. */
    add: (kind: PollKind, url: string, firstAt = Date.now()) => addSource(store, kind, url, firstAt),
    claimDue: (now: number, limit = 100) => claimDue(store, now, limit),
    /** A poll's outcome: the docIds it listed (articles, child sitemaps). No-op for an unknown source. */
    recordPoll: (kind: PollKind, docId: string, listed: readonly string[], now = Date.now()) =>
      recordPoll(store, jobIds.scheduler(kind, docId), listed, now),
    recordError: (kind: PollKind, docId: string, reason: string, now = Date.now()) =>
      recordError(store, jobIds.scheduler(kind, docId), reason, now),
    list: (state?: PollSource['state']) => listSources(store, state),
  };
}

async function readSource(store: Store, id: string): Promise<PollSource | undefined> {
  return sourceOf(await store.redis.hgetall(store.keys.pollSource(id)));
}

async function addSource(store: Store, kind: PollKind, input: string, firstAt: number): Promise<PollSource> {
  const { redis, keys } = store;
  const { url, docId } = identityOf(input);
  const id = jobIds.scheduler(kind, docId);
  if ((await redis.hsetnx(keys.pollSource(id), 'id', id)) === 1) {
    const fields = {
      ...{ id, kind, url, docId, state: 'active', intervalMs: String(store.settings.minMs) },
      ...{ polls: '0', lastNew: '0', errors: '0', addedAt: iso(Date.now()), nextPollAt: iso(firstAt) },
    };
    await redis
      .multi()
      .hset(keys.pollSource(id), fields)
      .sadd(keys.pollSources, id)
      .zadd(keys.pollDue, 'NX', firstAt, id)
      .exec();
  }
  return (await readSource(store, id))!;
}

async function claimDue(store: Store, now: number, limit: number): Promise<PollSource[]> {
  const ids = (await store.redis.eval(
    CLAIM,
    1,
    store.keys.pollDue,
    now,
    now + store.settings.maxMs,
    limit,
  )) as string[];
  const sources = await Promise.all(ids.map((id) => readSource(store, id)));
  return sources.filter((source): source is PollSource => source?.state === 'active');
}

async function reschedule(
  store: Store,
  source: PollSource,
  fields: Record<string, string>,
  now: number,
): Promise<void> {
  const next = now + source.intervalMs;
  await store.redis
    .multi()
    .hset(store.keys.pollSource(source.id), { ...fields, intervalMs: String(source.intervalMs), nextPollAt: iso(next) })
    .zadd(store.keys.pollDue, next, source.id)
    .exec();
}

async function recordPoll(store: Store, id: string, listed: readonly string[], now: number): Promise<void> {
  const { redis, keys } = store;
  const source = await readSource(store, id);
  if (!source || source.state !== 'active') return;
  const fresh = listed.length ? await redis.sadd(keys.pollSeen(id), ...listed) : 0;
  if (listed.length) await redis.expire(keys.pollSeen(id), 30 * 86_400);
  source.intervalMs = clamp(fresh > 0 ? source.intervalMs / 2 : source.intervalMs * 1.5, store.settings);
  await redis.hdel(keys.pollSource(id), 'firstErrorAt', 'lastError');
  const fields = { polls: String(source.polls + 1), lastNew: String(fresh), lastPolledAt: iso(now), errors: '0' };
  await reschedule(store, source, fields, now);
}

async function recordError(store: Store, id: string, reason: string, now: number): Promise<void> {
  const { redis, keys, settings } = store;
  const source = await readSource(store, id);
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
    return reschedule(store, source, fields, now);
  }
  await redis
    .multi()
    .hset(keys.pollSource(id), { ...fields, state: 'retired', retiredAt: iso(now) })
    .hdel(keys.pollSource(id), 'nextPollAt')
    .zrem(keys.pollDue, id)
    .exec();
}

async function listSources(store: Store, state: PollSource['state'] | undefined): Promise<PollSource[]> {
  const ids = (await store.redis.smembers(store.keys.pollSources)).sort();
  const sources = (await Promise.all(ids.map((id) => readSource(store, id)))).filter(
    (source): source is PollSource => source !== undefined,
  );
  return state ? sources.filter((source) => source.state === state) : sources;
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
