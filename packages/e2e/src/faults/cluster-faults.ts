// The server faults of the cluster topology: kill -9 of a Redis master (its replica is promoted)
// and of the Elasticsearch node holding the write index's primary (a replica becomes primary).
import type { LocalElasticsearchCluster, LocalRedisCluster } from '@newsflow/devstack';
import { createEsClient, indexNames } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import type { Fault } from './schedule.ts';

/** The name (es-N) of the node holding the primary of the write index's shard. */
export async function primaryNodeName(es: Client, prefix: string): Promise<string> {
  const shards = await es.cat.shards({ index: indexNames(prefix).writeAlias, format: 'json' });
  const primary = shards.find((shard) => shard.prirep === 'p' && shard.state === 'STARTED');
  if (!primary?.node) throw new Error('no started primary');
  return primary.node;
}

/** A random live master serving slots, killed -9; done once every slot is served again (a replica promoted). */
export function redisMasterKill(pick: (n: number) => number, redis: LocalRedisCluster): Fault {
  return {
    kind: 'redis-master-kill',
    queue: 'fetch',
    run: async () => {
      const masters = (await redis.members()).filter((m) => m.role === 'master' && m.ownsSlots && !m.failed);
      const victim = masters[pick(masters.length)]!;
      await redis.node(victim.port).kill();
      await redis.waitHealthy(60_000);
      return `redis master ${victim.port} (kill -9, its replica promoted)`;
    },
  };
}

/** kill -9 of the Elasticsearch node holding the write index's primary (a replica becomes primary). */
export function esPrimaryKill(indexPrefix: string, elasticsearch: LocalElasticsearchCluster): Fault {
  return {
    kind: 'es-node-kill',
    queue: 'index',
    run: async () => {
      const es = createEsClient(elasticsearch.urls.join(','));
      const name = await primaryNodeName(es, indexPrefix).finally(() => es.close());
      const node = elasticsearch.nodes.find((candidate) => candidate.name === name)!;
      await node.kill();
      return `elasticsearch ${name} port ${node.port} (kill -9, held the write index's primary)`;
    },
  };
}
