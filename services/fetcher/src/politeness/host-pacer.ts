import type { RedisClient } from '@newsflow/runtime';
import { redisKeys } from '@newsflow/contracts';

/*
 * Per-host pacing shared by every fetcher process: all state lives in RedisClient and every decision is
 * one Lua script, so two workers can never both see a host as free. Time is RedisClient's TIME, so
 * clocks of different machines do not matter. Keys per host:
 *   next     earliest time the next request may start (ms)
 *   inflight sorted set of request tokens scored by lease expiry: a short lease, renewed while the
 *            request runs, so a token whose release never lands (its worker crashed, or a Redis
 *            failover lost the write) frees its slot within one lease, not one whole fetch timeout
 *   slot     end of the queue of promised start times
 *   slow     penalty level after 429/503 answers: the delay doubles per level, for 10 minutes
 *   penalty  set while a 429/503 penalty is in force, so the same answer does not re-arm it
 *   resv     job → promised start time. A job that must wait is given the next free start time and
 *            parked until then; when it comes back it keeps its place instead of queueing again
 *            behind newcomers, so a host with thousands of waiting URLs costs O(1) retries per URL.
 */
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
const EFFECTIVE_DELAY = `local slow = math.min(tonumber(redis.call('GET', KEYS[4]) or '0'), 3) local delay = math.min(tonumber(ARGV[1]) * (2 ^ slow), tonumber(ARGV[5]))`;

const ACQUIRE = `${NOW} ${EFFECTIVE_DELAY}
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
local queueEnd = tonumber(redis.call('GET', KEYS[3]) or '0')
local mine = tonumber(redis.call('HGET', KEYS[5], ARGV[6]) or '0')
local free = nextAt <= now and redis.call('ZCARD', KEYS[2]) < tonumber(ARGV[2])
if free and (mine > 0 or queueEnd <= now) then
  redis.call('HDEL', KEYS[5], ARGV[6])
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[3])
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + 60000)
  redis.call('SET', KEYS[1], now + delay, 'PX', delay + 60000)
  return 0
end
if mine > 0 then
  return math.max(mine - now, nextAt - now, 25)
end
local step = math.max(delay, 50)
local slot = math.max(nextAt, now + 1, queueEnd)
redis.call('SET', KEYS[3], slot + step, 'PX', slot + step - now + 60000)
redis.call('HSET', KEYS[5], ARGV[6], slot)
redis.call('PEXPIRE', KEYS[5], slot + step - now + 600000)
return slot - now`;

const RELEASE = `${NOW} ${EFFECTIVE_DELAY}
redis.call('ZREM', KEYS[2], ARGV[3])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + delay > nextAt then redis.call('SET', KEYS[1], now + delay, 'PX', delay + 60000) end
return 0`;

// Extends a held token's lease; XX: a token already released (or lost with a failover) stays gone.
const RENEW = `${NOW}
redis.call('ZADD', KEYS[2], 'XX', now + tonumber(ARGV[4]), ARGV[3])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + 60000)
return 0`;

// A penalty in force is not re-armed: every retry (or every parallel request) meeting the same
// 503/429 would otherwise push the host's reopening further out and raise the slow level again.
const PENALIZE = `${NOW}
if not redis.call('SET', KEYS[6], '1', 'PX', tonumber(ARGV[1]), 'NX') then return 0 end
local until_ = now + tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > nextAt then redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1]) + 60000) end
redis.call('INCR', KEYS[4])
redis.call('EXPIRE', KEYS[4], 600)
return 1`;

const MAX_RETRY_AFTER_MS = 3_600_000;

export interface PacerOptions {
  prefix: string;
  /** Requests in flight per host. */
  concurrency: number;
  /** Longest delay any rule (Crawl-delay, penalties) may impose. */
  maxDelayMs: number;
  /** A slot not renewed for this long is presumed dead (its worker crashed, or the release was lost). */
  leaseMs: number;
}

/** Long enough to ride out a slow Redis reply, short enough that a lost token costs seconds. */
export const HOST_LEASE_MS = 10_000;

export interface HostPacer {
  readonly leaseMs: number;
  /**
   * 0 when the request may start now (a slot is held until release), else milliseconds to wait;
   * `queueKey` (the job id) keeps a waiting job's place in the host's queue across its wake-ups.
   */
  acquire(host: string, token: string, delayMs: number, queueKey: string): Promise<number>;
  /** Keeps a held slot alive for another lease (call every third of one while the request runs). */
  renew(host: string, token: string): Promise<void>;
  /** Frees the slot; the next request may start `delayMs` after now at the earliest. */
  release(host: string, token: string, delayMs: number): Promise<void>;
  /**
   * Slows the host (host:port) down after a 429/503: nothing starts for `waitMs` (at most an hour),
   * and its delay doubles for a while. A penalty already in force is left as it is.
   */
  penalize(host: string, waitMs: number): Promise<void>;
}

export function createHostPacer(redis: RedisClient, options: PacerOptions): HostPacer {
  const hostKey = redisKeys(options.prefix).host;
  const keys = (host: string): string[] =>
    ['next', 'inflight', 'slot', 'slow', 'resv', 'penalty'].map((name) => hostKey(host, name));
  const run = async (script: string, host: string, args: Array<string | number>): Promise<number> =>
    Number(await redis.eval(script, 6, ...keys(host), ...args.map(String)));
  return {
    acquire: (host, token, delayMs, queueKey) =>
      run(ACQUIRE, host, [delayMs, options.concurrency, token, options.leaseMs, options.maxDelayMs, queueKey]),
    renew: async (host, token) => void (await run(RENEW, host, [0, 0, token, options.leaseMs])),
    leaseMs: options.leaseMs,
    release: async (host, token, delayMs) =>
      void (await run(RELEASE, host, [delayMs, 0, token, 0, options.maxDelayMs])),
    // Retry-After may ask for longer than a Crawl-delay cap; honour it up to an hour.
    penalize: async (host, waitMs) => void (await run(PENALIZE, host, [Math.min(waitMs, MAX_RETRY_AFTER_MS)])),
  };
}
