import type { Redis } from 'ioredis';

/*
 * Per-host pacing shared by every fetcher process: all state lives in Redis and every decision is
 * one Lua script, so two workers can never both see a host as free. Time is Redis's TIME, so
 * clocks of different machines do not matter. Keys per host:
 *   next     earliest time the next request may start (ms)
 *   inflight sorted set of request tokens scored by lease expiry (a crashed worker's lease lapses)
 *   slot     end of the queue of promised start times, so waiting jobs are spread out rather than
 *            all waking at once
 *   slow     penalty level after 429/503 answers: the delay doubles per level, for 10 minutes
 */
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
const EFFECTIVE_DELAY = `local slow = math.min(tonumber(redis.call('GET', KEYS[4]) or '0'), 3) local delay = math.min(tonumber(ARGV[1]) * (2 ^ slow), tonumber(ARGV[5]))`;

const ACQUIRE = `${NOW} ${EFFECTIVE_DELAY}
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextAt <= now and redis.call('ZCARD', KEYS[2]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[3])
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + 60000)
  redis.call('SET', KEYS[1], now + delay, 'PX', delay + 60000)
  return 0
end
local step = math.max(delay, 100)
local slot = math.max(nextAt, now + step, tonumber(redis.call('GET', KEYS[3]) or '0'))
redis.call('SET', KEYS[3], slot + step, 'PX', slot + step - now + 60000)
return slot - now`;

const RELEASE = `${NOW} ${EFFECTIVE_DELAY}
redis.call('ZREM', KEYS[2], ARGV[3])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + delay > nextAt then redis.call('SET', KEYS[1], now + delay, 'PX', delay + 60000) end
return 0`;

const PENALIZE = `${NOW}
local until_ = now + tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > nextAt then redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1]) + 60000) end
redis.call('INCR', KEYS[4])
redis.call('EXPIRE', KEYS[4], 600)
return 0`;

export interface PacerOptions {
  prefix: string;
  /** Requests in flight per host. */
  concurrency: number;
  /** Longest delay any rule (Crawl-delay, penalties) may impose. */
  maxDelayMs: number;
  /** A request holding a slot longer than this is presumed dead (its worker crashed). */
  leaseMs: number;
}

export interface HostPacer {
  /** 0 when the request may start now (a slot is held until release), else milliseconds to wait. */
  acquire(host: string, token: string, delayMs: number): Promise<number>;
  /** Frees the slot; the next request may start `delayMs` after now at the earliest. */
  release(host: string, token: string, delayMs: number): Promise<void>;
  /** Slows the host down after a 429/503: nothing starts for `waitMs`, and its delay doubles for a while. */
  penalize(host: string, waitMs: number): Promise<void>;
}

export function createHostPacer(redis: Redis, options: PacerOptions): HostPacer {
  const keys = (host: string): string[] => ['next', 'inflight', 'slot', 'slow'].map((name) => `${options.prefix}:host:{${host}}:${name}`);
  const run = async (script: string, host: string, args: Array<string | number>): Promise<number> =>
    Number(await redis.eval(script, 4, ...keys(host), ...args.map(String)));
  return {
    acquire: (host, token, delayMs) => run(ACQUIRE, host, [delayMs, options.concurrency, token, options.leaseMs, options.maxDelayMs]),
    release: async (host, token, delayMs) => void (await run(RELEASE, host, [delayMs, 0, token, 0, options.maxDelayMs])),
    penalize: async (host, waitMs) => void (await run(PENALIZE, host, [Math.min(waitMs, options.maxDelayMs)])),
  };
}
