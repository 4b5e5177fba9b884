// Provides Redis and Elasticsearch to tests and to the main command. For each service, in order:
//  1. REDIS_URL / ELASTICSEARCH_URL from the environment, used as is;
//  2. testcontainers, when a Docker engine answers (falls back to 3 if the container fails);
//  3. native processes on free ports (redis-server from Debian, the ES integ-test distribution).
// Both services start in parallel: Elasticsearch dominates (~15-40 s), Redis is ready in ms.
import { dockerEngineAvailable } from './docker-engine.ts';
import { languageAnalyzersWanted } from './elasticsearch-language-plugin.ts';
import { startNativeElasticsearch } from './elasticsearch-native.ts';
import { startNativeRedis } from './redis-native.ts';
import type { Log, ProviderOptions, Purpose, RunningService } from './service.ts';
import { startElasticsearchContainer, startRedisContainer } from './testcontainers.ts';

export interface Services {
  redisUrl: string; // e.g. redis://127.0.0.1:PORT
  elasticsearchUrl: string; // e.g. http://127.0.0.1:PORT
  env: { REDIS_URL: string; ELASTICSEARCH_URL: string };
  /** how each was provided: 'env' | 'testcontainers' | 'native' */
  provenance: { redis: string; elasticsearch: string };
  stop(): Promise<void>; // stops only what this call started
}

export interface StartServicesOptions {
  purpose: Purpose;
  log?: Log;
  /** where REDIS_URL / ELASTICSEARCH_URL are read from; defaults to process.env */
  env?: NodeJS.ProcessEnv;
}

type Starter = (options: ProviderOptions) => Promise<RunningService>;

export async function startServices(options: StartServicesOptions): Promise<Services> {
  const env = options.env ?? process.env;
  const provider: ProviderOptions = {
    purpose: options.purpose,
    log: options.log ?? ((line) => console.error(`[devstack] ${line}`)),
    languageAnalyzers: languageAnalyzersWanted(env),
  };
  let docker: Promise<boolean> | undefined;
  const dockerUp = () => (docker ??= dockerEngineAvailable(env));
  const settled = await Promise.allSettled([
    provide(env.REDIS_URL, provider, dockerUp, startRedisContainer, startNativeRedis),
    provide(env.ELASTICSEARCH_URL, provider, dockerUp, startElasticsearchContainer, startNativeElasticsearch),
  ]);
  const [redis, elasticsearch] = settled;
  if (redis?.status !== 'fulfilled' || elasticsearch?.status !== 'fulfilled') {
    // never leave the half that did start running
    await Promise.all(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
    const reasons = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    throw reasons.length === 1 ? reasons[0] : new AggregateError(reasons, 'devstack: services failed to start');
  }
  return assemble(redis.value, elasticsearch.value);
}

async function provide(
  envUrl: string | undefined,
  provider: ProviderOptions,
  dockerUp: () => Promise<boolean>,
  container: Starter,
  native: Starter,
): Promise<RunningService> {
  if (envUrl) return { url: envUrl, provenance: 'env', stop: async () => {} };
  if (await dockerUp()) {
    try {
      return await container(provider);
    } catch (error) {
      // e.g. an image registry that is not reachable from this network
      provider.log(`testcontainers failed, falling back to a native process: ${String(error)}`);
    }
  }
  return native(provider);
}

function assemble(redis: RunningService, elasticsearch: RunningService): Services {
  let stopping: Promise<void> | undefined;
  return {
    redisUrl: redis.url,
    elasticsearchUrl: elasticsearch.url,
    env: { REDIS_URL: redis.url, ELASTICSEARCH_URL: elasticsearch.url },
    provenance: { redis: redis.provenance, elasticsearch: elasticsearch.provenance },
    stop: () => (stopping ??= Promise.all([redis.stop(), elasticsearch.stop()]).then(() => undefined)),
  };
}

// Multi-node topologies on loopback for tests that need them (and their kill -9 helpers).
export { startRedisCluster, parseClusterNodes } from './redis-cluster.ts';
export type { LocalRedisCluster, RedisClusterOptions, ClusterMember } from './redis-cluster.ts';
export { startRedisSentinel, SENTINEL_MASTER_NAME } from './redis-sentinel.ts';
export type { LocalRedisSentinel, RedisSentinelOptions } from './redis-sentinel.ts';
export { startElasticsearchCluster } from './elasticsearch-cluster.ts';
/** One native node; with `languageAnalyzers` it has the official image's language analyzers. */
export { startNativeElasticsearch } from './elasticsearch-native.ts';
export type { NativeService, ProviderOptions } from './service.ts';
export type { LocalElasticsearchCluster, ElasticsearchClusterOptions } from './elasticsearch-cluster.ts';
export type { TopologyNode } from './topology-node.ts';
export { startClusterServices } from './cluster-services.ts';
export type { ClusterServices, ClusterServicesOptions } from './cluster-services.ts';
