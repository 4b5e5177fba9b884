import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { RedisClient } from '@newsflow/runtime';
import { StageError, redisKeys } from '@newsflow/contracts';
import { followRedirects } from '../net/follow-redirects.ts';
import { discard, header } from '../net/http-client.ts';
import type { HttpClient } from '../net/http-client.ts';
import { readBody } from '../net/read-body.ts';

interface RobotsRules {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

// robots-parser is CommonJS and its typings do not describe module.exports; require gets the function.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, contents: string) => RobotsRules;

/** RFC 9309 §2.5: crawlers must parse at least the first 500 KiB; we parse exactly that. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/** What a robots.txt fetch left us with; cached in RedisClient as JSON. */
export type RobotsRecord =
  | { kind: 'rules'; body: string; id?: string }
  | { kind: 'allow-all'; why: string }
  | { kind: 'disallow-all'; why: string };

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our agent (or "*"), in milliseconds. */
  crawlDelayMs: number | undefined;
  /** Set when the robots.txt could not be had (5xx or unreachable): retry later, not a final no. */
  unavailable?: string;
}

/** Pure: the verdict of a robots.txt record for one URL and our product token. */
export function judge(record: RobotsRecord, url: string, agentToken: string): RobotsVerdict {
  if (record.kind === 'allow-all') return { allowed: true, crawlDelayMs: undefined };
  if (record.kind === 'disallow-all') return { allowed: false, crawlDelayMs: undefined, unavailable: record.why };
  const origin = new URL(url).origin;
  const robots = parsedRules(origin, record);
  const delay = robots.getCrawlDelay(agentToken);
  return {
    allowed: robots.isAllowed(url, agentToken) !== false,
    crawlDelayMs: delay === undefined ? undefined : delay * 1000,
  };
}

const PARSED_LIMIT = 500;
const parsed = new Map<string, RobotsRules>();

/**
 * Parsing a big robots.txt for every URL would cost more than the fetch; records carry an id, so
 * the parse of one record is reused (the record itself, and its expiry, stay in RedisClient).
 */
function parsedRules(origin: string, record: { body: string; id?: string }): RobotsRules {
  if (!record.id) return robotsParser(`${origin}/robots.txt`, record.body);
  const key = `${origin} ${record.id}`;
  let rules = parsed.get(key);
  if (!rules) {
    rules = robotsParser(`${origin}/robots.txt`, record.body);
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, rules);
  }
  return rules;
}

/** The product token robots.txt groups are matched against: "NewsflowBot/0.1 (+url)" → "NewsflowBot". */
export function agentTokenOf(userAgent: string): string {
  return /^[A-Za-z0-9_-]+/.exec(userAgent)?.[0] ?? userAgent;
}

/**
 * Downloads and classifies a robots.txt (RFC 9309 §2.3.1): 2xx → rules from the first 500 KiB,
 * 4xx → no restrictions, 5xx / 429 / unreachable / timeout → complete disallow for now. Up to
 * five redirects are followed, each hop through the SSRF guard.
 */
export async function downloadRobots(client: HttpClient, origin: string): Promise<RobotsRecord> {
  try {
    const response = await followRedirects(client, `${origin}/robots.txt`, {
      headers: { accept: 'text/plain,*/*;q=0.5' },
      maxRedirects: 5,
    });
    if (response.status >= 200 && response.status < 300) {
      const body = await readBody(response.body, header(response, 'content-encoding'), ROBOTS_MAX_BYTES, {
        truncate: true,
        signal: response.deadline,
      });
      return { kind: 'rules', body: body.toString('utf8'), id: randomUUID() };
    }
    discard(response);
    if (response.status >= 400 && response.status < 500 && response.status !== 429)
      return { kind: 'allow-all', why: `HTTP ${response.status}` };
    if (response.status >= 300 && response.status < 400) return { kind: 'allow-all', why: 'too many redirects' };
    return { kind: 'disallow-all', why: `HTTP ${response.status}` };
  } catch (error) {
    if (error instanceof StageError && (error.reason === 'ssrf-blocked' || error.reason === 'invalid-url')) throw error;
    // RFC 9309 §2.3.1.3: more than five redirects may be treated as unavailable (4xx): no limits.
    if (error instanceof StageError && error.reason === 'too-many-redirects')
      return { kind: 'allow-all', why: error.message };
    return { kind: 'disallow-all', why: error instanceof Error ? error.message : String(error) };
  }
}

export interface RobotsCacheOptions {
  prefix: string;
  /** How long a fetched robots.txt is trusted (≤ 24 h). */
  ttlSeconds: number;
  /** How long an unreachable robots.txt keeps its host closed before we ask again. */
  unavailableTtlSeconds: number;
  lockMs: number;
}

export interface RobotsCache {
  /** The cached record, or null when another process is fetching it right now (try again shortly). */
  get(origin: string): Promise<RobotsRecord | null>;
}

/**
 * robots.txt shared by all fetcher processes through RedisClient; a lock makes sure only one process
 * downloads a given robots.txt at a time, the others wait for its result.
 */
export function createRobotsCache(redis: RedisClient, client: HttpClient, options: RobotsCacheOptions): RobotsCache {
  const keyOf = redisKeys(options.prefix).robots;
  return {
    async get(origin) {
      const key = keyOf(origin);
      const cached = await redis.get(key);
      if (cached) return JSON.parse(cached) as RobotsRecord;
      const locked = await redis.set(`${key}:lock`, '1', 'PX', options.lockMs, 'NX');
      if (locked !== 'OK') return null;
      try {
        const record = await downloadRobots(client, origin);
        const ttl = record.kind === 'disallow-all' ? options.unavailableTtlSeconds : options.ttlSeconds;
        await redis.set(key, JSON.stringify(record), 'EX', ttl);
        return record;
      } finally {
        await redis.del(`${key}:lock`);
      }
    },
  };
}
