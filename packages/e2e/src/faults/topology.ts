// Where a fault run's pipeline keeps its state, and the faults of those servers. single: a Redis of
// its own with an AOF (killed and restarted from it) and the shared Elasticsearch behind an HTTP
// fault proxy (down, 429, 503). cluster: a Redis Cluster (3 masters + 3 replicas; a master killed,
// its replica takes over) and a 3-node Elasticsearch (the node holding the primary killed).
import type { RunLedgerFault } from '@newsflow/contracts';
import { startClusterServices } from '@newsflow/devstack';
import type { ClusterServicesOptions } from '@newsflow/devstack';
import { startHttpFaultProxy } from '@newsflow/testkit';
import { esPrimaryKill, redisMasterKill } from './cluster-faults.ts';
import { startAofRedis } from './redis-aof.ts';
import { esProxyFault, record, redisRestart } from './schedule.ts';
import type { Fault, FaultPlan, ScheduleContext } from './schedule.ts';

export type TopologyName = 'single' | 'cluster';
type Step = () => Promise<void>;

export interface FaultTopology {
  name: TopologyName;
  /** what the services read: REDIS_URL (and REDIS_CLUSTER_NODES), ELASTICSEARCH_URL */
  env: Record<string, string>;
  /** Elasticsearch itself, not through any proxy: what the account reads */
  elasticsearchUrl: string;
  /** this topology's server faults: `middle` go between the worker kill rounds, `end` after them */
  steps(plan: FaultPlan, context: ScheduleContext, faults: Promise<RunLedgerFault>[]): { middle: Step[]; end: Step[] };
  stop(): Promise<void>;
}

export async function startSingleTopology(elasticsearchUrl: string): Promise<FaultTopology> {
  const [redis, proxy] = await Promise.all([startAofRedis(), startHttpFaultProxy(elasticsearchUrl)]);
  return {
    name: 'single',
    env: { REDIS_URL: redis.url, ELASTICSEARCH_URL: proxy.url },
    elasticsearchUrl,
    steps: (plan, context, faults) => {
      const es = (mode: 'down' | 429 | 503, ms: number) => step(context, faults, esProxyFault(proxy, { mode, ms }));
      const end: Step[] = [];
      if (plan.esDownMs > 0) end.push(es('down', plan.esDownMs));
      if (plan.esStatusMs > 0) end.push(es(429, plan.esStatusMs), es(503, plan.esStatusMs));
      return { middle: repeat(plan.redisRestarts, step(context, faults, redisRestart(redis))), end };
    },
    stop: async () => {
      proxy.setMode('pass');
      await Promise.all([redis.stop(), proxy.close()]);
    },
  };
}

/** The cluster topology within the given port ranges; one Elasticsearch node kill (two would lose the quorum). */
export async function startClusterTopology(options: ClusterServicesOptions): Promise<FaultTopology> {
  const clusters = await startClusterServices(options);
  return {
    name: 'cluster',
    env: clusters.env,
    elasticsearchUrl: clusters.env.ELASTICSEARCH_URL,
    steps: (plan, context, faults) => ({
      middle: repeat(plan.redisRestarts, step(context, faults, redisMasterKill(context.pick, clusters.redis))),
      end: [step(context, faults, esPrimaryKill(context.indexPrefix, clusters.elasticsearch))],
    }),
    stop: clusters.stop,
  };
}

/** A step that causes the fault and writes it down (a fault's `run` may be called again: each call is one fault). */
function step(context: ScheduleContext, faults: Promise<RunLedgerFault>[], fault: Fault): Step {
  return () => record(context, faults, fault);
}

function repeat(times: number, each: Step): Step[] {
  return Array.from({ length: times }, () => each);
}
