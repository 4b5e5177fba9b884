// The server faults of the cluster topology: kill -9 of a Redis master (its replica is promoted)
// and of the Elasticsearch node holding the write index's primary (a replica becomes primary).
import type { RunLedgerFault } from '@newsflow/contracts';
import type { LocalElasticsearchCluster, LocalRedisCluster } from '@newsflow/devstack';
import { createEsClient, indexNames } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import { record } from './schedule.ts';
import type { ScheduleContext } from './schedule.ts';

/** The name (es-N) of the node holding the primary of the write index's shard. */
export async function primaryNodeName(es: Client, prefix: string): Promise<string> {
  const shards = await es.cat.shards({ index: indexNames(prefix).writeAlias, format: 'json' });
  const primary = shards.find((shard) => shard.prirep === 'p' && shard.state === 'STARTED');
  if (!primary?.node) throw new Error('no started primary');
  return primary.node;
}

/** A random live master serving slots, killed -9; done once every slot is served again (a replica promoted). */
export async function killRedisMaster(
  context: ScheduleContext,
  faults: Promise<RunLedgerFault>[],
  redis: LocalRedisCluster,
): Promise<void> {
  await record(context, faults, {
    kind: 'redis-master-kill',
    queue: 'fetch',
    run: async () => {
      const masters = (await redis.members()).filter((m) => m.role === 'master' && m.ownsSlots && !m.failed);
      const victim = masters[context.pick(masters.length)]!;
      await redis.node(victim.port).kill();
      await redis.waitHealthy(60_000);
      return `redis master ${victim.port} (kill -9, its replica promoted)`;
    },
  });
}

export async function killEsPrimary(
  context: ScheduleContext,
  faults: Promise<RunLedgerFault>[],
  elasticsearch: LocalElasticsearchCluster,
): Promise<void> {
  await record(context, faults, {
    kind: 'es-node-kill',
    queue: 'index',
    run: async () => {
      const es = createEsClient(elasticsearch.urls.join(','));
      const name = await primaryNodeName(es, context.indexPrefix).finally(() => es.close());
      const node = elasticsearch.nodes.find((candidate) => candidate.name === name)!;
      await node.kill();
      return `elasticsearch ${name} port ${node.port} (kill -9, held the write index's primary)`;
    },
  });
}
