// The one place Redis connections are made. Which topology is chosen by configuration, the way
// ioredis and BullMQ expect it: REDIS_URL alone is a standalone server; REDIS_SENTINELS (+
// REDIS_SENTINEL_NAME) finds the master through Sentinel (still an ioredis `Redis`); and
// REDIS_CLUSTER_NODES makes an ioredis `Cluster`. In the last two REDIS_URL only carries the
// credentials, database and TLS that every node shares.
import { Cluster, Redis } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import type { Config } from '@newsflow/config';

/** What every connection can be: a standalone or Sentinel-managed `Redis`, or a `Cluster`. */
export type RedisClient = Redis | Cluster;

export type RedisTopology = 'standalone' | 'sentinel' | 'cluster';

/** The settings the factory reads; the topology lists are optional so `{ REDIS_URL }` still fits. */
export type RedisConfig = Pick<Config, 'REDIS_URL'> &
  Partial<Pick<Config, 'REDIS_CLUSTER_NODES' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME'>>;

export function redisTopology(config: RedisConfig): RedisTopology {
  if ((config.REDIS_CLUSTER_NODES?.length ?? 0) > 0) return 'cluster';
  if ((config.REDIS_SENTINELS?.length ?? 0) > 0) return 'sentinel';
  return 'standalone';
}

/**
 * A connection for any topology, suited to BullMQ workers: no per-command retry limit (BullMQ
 * blocks on BZPOPMIN-style commands and must survive restarts and failovers by reconnecting, not by
 * failing jobs) and reconnect backoff capped at 5 s so a failover costs seconds, not minutes.
 */
export function createRedisClient(config: RedisConfig, name: string): RedisClient {
  const topology = redisTopology(config);
  if (topology === 'cluster') return new Cluster(config.REDIS_CLUSTER_NODES ?? [], clusterOptions(config, name));
  if (topology === 'sentinel') return new Redis(sentinelOptions(config, name));
  return new Redis(config.REDIS_URL, nodeOptions(name));
}

/** The servers that hold keys: every master of a cluster, or the one server. SCAN must visit each. */
export function redisMasters(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

const retryStrategy = (attempt: number) => Math.min(200 * 2 ** attempt, 5_000);

function nodeOptions(name: string): RedisOptions {
  return {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: `newsflow-${name}`,
    retryStrategy,
  };
}

/** user, password, db and TLS from REDIS_URL, applied to every node of a Sentinel or Cluster setup */
function sharedCredentials(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.slice(1) || 0);
  return {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db > 0 ? { db } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

function sentinelOptions(config: RedisConfig, name: string): RedisOptions {
  return {
    ...nodeOptions(name),
    ...sharedCredentials(config.REDIS_URL),
    sentinels: config.REDIS_SENTINELS ?? [],
    name: config.REDIS_SENTINEL_NAME ?? 'mymaster',
    sentinelRetryStrategy: retryStrategy,
    // subscribe to +switch-master so a promoted replica is used at once, not at the next error
    failoverDetector: true,
  };
}

function clusterOptions(config: RedisConfig, name: string): ClusterOptions {
  const { db, ...credentials } = sharedCredentials(config.REDIS_URL);
  if (db) throw new Error(`${name}: a Redis Cluster has only database 0, but REDIS_URL names database ${db}`);
  return {
    redisOptions: { ...nodeOptions(name), ...credentials },
    clusterRetryStrategy: retryStrategy,
    enableReadyCheck: true,
    // MOVED/ASK/TRYAGAIN/CLUSTERDOWN are retried (with a slot-map refresh) inside this window
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 200,
    // 50 tries 200 ms apart: a command waits out a failover of ~10 s instead of failing after 3 s
    maxRedirections: 50,
    slotsRefreshTimeout: 2_000,
  };
}
