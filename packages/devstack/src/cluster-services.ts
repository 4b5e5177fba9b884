// Both multi-node topologies at once, for the main command's --cluster mode and the cluster
// end-to-end test: a Redis Cluster (3 masters + 3 replicas, ready in seconds) and a 3-node
// Elasticsearch (about two minutes to green on a loaded 2-core machine), started in parallel.
import { startElasticsearchCluster } from './elasticsearch-cluster.ts';
import type { LocalElasticsearchCluster } from './elasticsearch-cluster.ts';
import { startRedisCluster } from './redis-cluster.ts';
import type { LocalRedisCluster } from './redis-cluster.ts';
import type { Log } from './service.ts';

export interface ClusterServices {
  redis: LocalRedisCluster;
  elasticsearch: LocalElasticsearchCluster;
  /** what the services read: REDIS_URL (credentials only), REDIS_CLUSTER_NODES, ELASTICSEARCH_URL (every node) */
  env: { REDIS_URL: string; REDIS_CLUSTER_NODES: string; ELASTICSEARCH_URL: string };
  stop(): Promise<void>;
}

export async function startClusterServices(options: { log?: Log } = {}): Promise<ClusterServices> {
  const settled = await Promise.allSettled([
    startRedisCluster(options.log ? { log: options.log } : {}),
    startElasticsearchCluster(options.log ? { log: options.log } : {}),
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
