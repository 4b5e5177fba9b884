import {
  backlogBoundsOf,
  closeQueues,
  createBacklogGate,
  createQueues,
  createRecrawlSchedule,
} from '@newsflow/runtime';
import type { BacklogGate, RecrawlSchedule, RedisClient } from '@newsflow/runtime';
import { parseRecrawlSchedule } from '@newsflow/config';
import type { Config } from '@newsflow/config';
import { parseAllowList } from './net/ip-policy.ts';
import { createHttpClient } from './net/http-client.ts';
import type { HttpClient } from './net/http-client.ts';
import type { Resolver } from './net/ssrf-guard.ts';
import { HOST_LEASE_MS, createHostPacer } from './politeness/host-pacer.ts';
import { agentTokenOf, createRobotsCache } from './politeness/robots.ts';
import type { AdmissionPolicy } from './politeness/admission.ts';
import { createPollSchedule } from './schedule/poll-schedule.ts';
import type { PollSchedule } from './schedule/poll-schedule.ts';

export type FetcherConfig = PolitenessConfig &
  Pick<
    Config,
    | 'FETCH_MAX_BYTES'
    | 'FETCH_MAX_FEED_BYTES'
    | 'FETCH_SITEMAP_MAX_AGE_DAYS'
    | 'FETCH_DISCOVERY_MAX_URLS'
    | 'FETCH_SITEMAP_MAX_CHILDREN'
    | 'POLL_MIN_INTERVAL_SECONDS'
    | 'POLL_MAX_INTERVAL_SECONDS'
    | 'POLL_RETIRE_AFTER_DAYS'
    | 'INTAKE_MAX_BACKLOG'
    | 'INTAKE_MAX_REDIS_MEMORY_MB'
    | 'INTAKE_REDIS_KB_PER_JOB'
    | 'INTAKE_REDIS_TIMEOUT_MS'
    | 'INTAKE_RETRY_AFTER_SECONDS'
    | 'RECRAWL_SCHEDULE'
    | 'RENDER_ENABLED'
    | 'RENDER_HOSTS'
  >;

/** Everything a fetch needs, built once per process from config. */
export interface FetcherDeps extends Politeness {
  config: FetcherConfig;
  redis: RedisClient;
  /** Adaptive polling of feeds, sitemaps and section pages. */
  schedule: PollSchedule;
  /** Back-pressure: discovery waits while the backlog is over its bound. */
  backlog: BacklogGate;
  /** When indexed articles are fetched again (RECRAWL_SCHEDULE); the indexer adds them. */
  recrawl: RecrawlSchedule;
  close(): Promise<void>;
}

export interface FetcherOverrides {
  /** Tests map made-up host names to loopback addresses through this. */
  resolver?: Resolver;
}

/** Config keys the polite GET reads: the HTTP clients, robots.txt and per-host pacing. */
export type PolitenessConfig = Pick<
  Config,
  | 'NEWSFLOW_QUEUE_PREFIX'
  | 'FETCH_USER_AGENT'
  | 'FETCH_TIMEOUT_MS'
  | 'FETCH_CONNECT_TIMEOUT_MS'
  | 'FETCH_HEADERS_TIMEOUT_MS'
  | 'FETCH_BODY_TIMEOUT_MS'
  | 'FETCH_MAX_REDIRECTS'
  | 'FETCH_ALLOW_PRIVATE'
  | 'FETCH_HOST_DELAY_MS'
  | 'FETCH_HOST_CONCURRENCY'
  | 'FETCH_MAX_HOST_DELAY_MS'
  | 'FETCH_ROBOTS_CACHE_SECONDS'
  | 'FETCH_ROBOTS_TIMEOUT_MS'
>;

/**
 * What politeGet needs: the guarded clients and the admission policy, whose robots cache and host
 * pacer live in Redis under the queue prefix. Every process built from the same prefix (fetchers,
 * renderers) therefore shares one robots.txt cache and one per-host schedule.
 */
export interface Politeness {
  config: PolitenessConfig;
  client: HttpClient;
  /** The robots client: same guard, shorter deadline. */
  robotsClient: HttpClient;
  policy: AdmissionPolicy;
  close(): Promise<void>;
}

export function createPoliteness(
  config: PolitenessConfig,
  redis: RedisClient,
  overrides: FetcherOverrides = {},
): Politeness {
  const allow = parseAllowList(config.FETCH_ALLOW_PRIVATE);
  const limits = {
    userAgent: config.FETCH_USER_AGENT,
    connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
    headersTimeoutMs: config.FETCH_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: config.FETCH_BODY_TIMEOUT_MS,
    totalTimeoutMs: config.FETCH_TIMEOUT_MS,
  };
  const client = createHttpClient(limits, allow, overrides.resolver);
  const robotsTimeout = config.FETCH_ROBOTS_TIMEOUT_MS;
  const robotsClient = createHttpClient(
    {
      ...limits,
      connectTimeoutMs: Math.min(limits.connectTimeoutMs, robotsTimeout),
      headersTimeoutMs: robotsTimeout,
      bodyTimeoutMs: robotsTimeout,
      totalTimeoutMs: robotsTimeout,
    },
    allow,
    overrides.resolver,
  );
  const prefix = config.NEWSFLOW_QUEUE_PREFIX;
  const robots = createRobotsCache(redis, robotsClient, {
    prefix,
    ttlSeconds: config.FETCH_ROBOTS_CACHE_SECONDS,
    unavailableTtlSeconds: Math.min(60, config.FETCH_ROBOTS_CACHE_SECONDS),
    lockMs: robotsTimeout * 2 + 1_000,
  });
  const pacer = createHostPacer(redis, {
    prefix,
    concurrency: config.FETCH_HOST_CONCURRENCY,
    maxDelayMs: config.FETCH_MAX_HOST_DELAY_MS,
    leaseMs: HOST_LEASE_MS,
  });
  const policy: AdmissionPolicy = {
    robots,
    pacer,
    agentToken: agentTokenOf(config.FETCH_USER_AGENT),
    hostDelayMs: config.FETCH_HOST_DELAY_MS,
    maxHostDelayMs: config.FETCH_MAX_HOST_DELAY_MS,
    robotsWaitMs: robotsTimeout * 2 + 2_000,
  };
  const close = async (): Promise<void> => void (await Promise.all([client.close(), robotsClient.close()]));
  return { config, client, robotsClient, policy, close };
}

export function createFetcherDeps(
  config: FetcherConfig,
  redis: RedisClient,
  overrides: FetcherOverrides = {},
): FetcherDeps {
  const politeness = createPoliteness(config, redis, overrides);
  const queues = createQueues(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const backlog = createBacklogGate(redis, queues, backlogBoundsOf(config));
  const close = async (): Promise<void> => {
    await Promise.all([politeness.close(), closeQueues(queues)]);
  };
  const { client, robotsClient, policy } = politeness;
  const recrawl = createRecrawlSchedule(
    redis,
    config.NEWSFLOW_QUEUE_PREFIX,
    parseRecrawlSchedule(config.RECRAWL_SCHEDULE),
  );
  const schedule = pollScheduleOf(config, redis);
  return { config, redis, client, robotsClient, policy, schedule, backlog, recrawl, close };
}

export function pollScheduleOf(config: FetcherConfig, redis: RedisClient): PollSchedule {
  return createPollSchedule(redis, config.NEWSFLOW_QUEUE_PREFIX, {
    minMs: config.POLL_MIN_INTERVAL_SECONDS * 1000,
    maxMs: Math.max(config.POLL_MIN_INTERVAL_SECONDS, config.POLL_MAX_INTERVAL_SECONDS) * 1000,
    retireAfterMs: config.POLL_RETIRE_AFTER_DAYS * 86_400_000,
  });
}
