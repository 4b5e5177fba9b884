// Both multi-node topologies at once, for the main command's --cluster mode and the cluster
// end-to-end test: a Redis Cluster (3 masters + 3 replicas, ready in seconds) and a 3-node
// Elasticsearch (about two minutes to green on a loaded 2-core machine), started in parallel.
import { startElasticsearchCluster } from './elasticsearch-cluster.ts';
import type { ElasticsearchClusterOptions, LocalElasticsearchCluster } from './elasticsearch-cluster.ts';
import { startRedisCluster } from './redis-cluster.ts';
import type { LocalRedisCluster, RedisClusterOptions } from './redis-cluster.ts';
import type { Log } from './service.ts';

export interface ClusterServices {
  redis: LocalRedisCluster;
  elasticsearch: LocalElasticsearchCluster;
  /** what the services read: REDIS_URL (credentials only), REDIS_CLUSTER_NODES, ELASTICSEARCH_URL (every node) */
  env: { REDIS_URL: string; REDIS_CLUSTER_NODES: string; ELASTICSEARCH_URL: string };
  stop(): Promise<void>;
}

export interface ClusterServicesOptions {
  log?: Log;
  /** port ranges to keep within, for a machine shared with others (any free ports when absent) */
  ports?: { redis: NonNullable<RedisClusterOptions['ports']>; elasticsearch: ElasticsearchClusterOptions['ports'] };
}

export async function startClusterServices(options: ClusterServicesOptions = {}): Promise<ClusterServices> {
  const log = options.log ? { log: options.log } : {};
  const settled = await Promise.allSettled([
    startRedisCluster({ ...log, ...(options.ports ? { ports: options.ports.redis } : {}) }),
    startElasticsearchCluster({ ...log, ...(options.ports ? { ports: options.ports.elasticsearch } : {}) }),
  ]);
  const [redis, elasticsearch] = settled;
  if (redis.status !== 'fulfilled' || elasticsearch.status !== 'fulfilled') {
    // never leave the half that did start running
    await Promise.all(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.stop()] : [])));
    const reasons = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    throw reasons.length === 1 ? reasons[0] : new AggregateError(reasons, 'devstack: clusters failed to start');
  }
  let stopping: Promise<void> | undefined;
  return {
    redis: redis.value,
    elasticsearch: elasticsearch.value,
    env: { ...redis.value.env, ...elasticsearch.value.env },
    stop: () => (stopping ??= Promise.all([redis.value.stop(), elasticsearch.value.stop()]).then(() => undefined)),
  };
}
