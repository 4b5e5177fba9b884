// A local Redis Cluster on loopback: 3 masters + 3 replicas (redis-server --cluster-enabled, joined
// by `redis-cli --cluster create --cluster-replicas 1`), nothing on disk, for tests that need the
// real thing: slots, MOVED redirects, and a replica taking over when its master is killed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './free-ports.ts';
import type { PortRange } from './free-ports.ts';
import { redisCli, redisCliCluster } from './redis-cli.ts';
import { startRedisNode, VOLATILE_DATA_ARGS } from './redis-node.ts';
import type { Log } from './service.ts';
import { nodeOnPort, stopTopology } from './topology-node.ts';
import type { TopologyNode } from './topology-node.ts';
import { sleep } from './wait.ts';

export interface RedisClusterOptions {
  log?: Log;
  /** how long a master may be unreachable before its replica is promoted (Redis default: 15 s) */
  nodeTimeoutMs?: number;
  /** where the 6 client ports and 6 cluster-bus ports are taken (any free port when absent) */
  ports?: PortRange;
}

export interface ClusterMember {
  port: number;
  role: 'master' | 'replica';
  /** true while the other nodes consider it failed */
  failed: boolean;
  /** for a replica, the node id of its master */
  masterId: string | undefined;
  id: string;
  ownsSlots: boolean;
}

export interface LocalRedisCluster {
  readonly nodes: readonly TopologyNode[];
  /** what the factory in @newsflow/runtime reads: the seeds, and REDIS_URL for credentials (none here) */
  readonly env: { REDIS_URL: string; REDIS_CLUSTER_NODES: string };
  node(port: number): TopologyNode;
  /** the cluster's view of itself, asked of a live node */
  members(): Promise<ClusterMember[]>;
  /** resolves once every slot is served by a live master again (after a kill) */
  waitHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const NODES = 6;

export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<LocalRedisCluster> {
  const startedAt = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'newsflow-redis-cluster-'));
  const ports = await freePorts(NODES * 2, options.ports);
  const clientPorts = ports.slice(0, NODES);
  const settled = await Promise.allSettled(
    clientPorts.map((port, i) =>
      startRedisNode({ name: `redis-${port}`, port, root, args: clusterArgs(ports[NODES + i]!, options) }),
    ),
  );
  const nodes = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const cluster = localCluster(nodes, clientPorts, root);
  try {
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    await redisCliCluster([
      'create',
      ...clientPorts.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ]);
    await cluster.waitHealthy(60_000);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  options.log?.(`redis cluster 127.0.0.1:${clientPorts.join(',')} (3 masters + 3 replicas, ready after ${seconds}s)`);
  return cluster;
}

function clusterArgs(busPort: number, options: RedisClusterOptions): string[] {
  return [
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    'nodes.conf',
    '--cluster-node-timeout',
    String(options.nodeTimeoutMs ?? 2_000),
    // an explicit bus port: the default (port + 10000) may be taken or beyond 65535
    '--cluster-port',
    String(busPort),
    ...VOLATILE_DATA_ARGS,
  ];
}

function localCluster(nodes: TopologyNode[], ports: number[], root: string): LocalRedisCluster {
  const live = () => nodes.filter((node) => node.isRunning());
  const members = async () => parseClusterNodes(await askAnyLive(live(), ['CLUSTER', 'NODES']));
  return {
    nodes,
    env: {
      REDIS_URL: `redis://127.0.0.1:${ports[0]}`,
      REDIS_CLUSTER_NODES: ports.map((port) => `127.0.0.1:${port}`).join(','),
    },
    node: (port) => nodeOnPort(nodes, port),
    members,
    waitHealthy: (timeoutMs = 30_000) => waitClusterHealthy(live, timeoutMs),
    stop: stopTopology(nodes, root),
  };
}

async function askAnyLive(nodes: TopologyNode[], command: string[]): Promise<string> {
  for (const node of nodes) {
    try {
      return await redisCli(node.port, ...command);
    } catch {
      // that one is gone or busy: ask the next
    }
  }
  throw new Error('no cluster node answers');
}

/**
 * Every live node says cluster_state:ok, every slot-owning master is a node still running (right
 * after a kill the others still trust the dead one until the node timeout), and every live replica
 * has finished its sync, so it can take over if its master dies next.
 */
async function waitClusterHealthy(live: () => TopologyNode[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await clusterHealthy(live())) return;
    if (Date.now() > deadline) throw new Error(`redis cluster not healthy after ${timeoutMs / 1000}s`);
    await sleep(100);
  }
}

async function clusterHealthy(nodes: TopologyNode[]): Promise<boolean> {
  try {
    const infos = await Promise.all(nodes.map((node) => redisCli(node.port, 'CLUSTER', 'INFO')));
    if (!infos.every((info) => /cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info))) return false;
    const running = new Set(nodes.map((node) => node.port));
    const members = parseClusterNodes(await redisCli(nodes[0]!.port, 'CLUSTER', 'NODES'));
    if (members.some((member) => member.ownsSlots && !running.has(member.port))) return false;
    const replication = await Promise.all(nodes.map((node) => redisCli(node.port, 'INFO', 'replication')));
    return replication.every((info) => !/role:slave/.test(info) || /master_link_status:up/.test(info));
  } catch {
    return false;
  }
}

export function parseClusterNodes(text: string): ClusterMember[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id = '', address = '', flags = '', master = '-', ...rest] = line.trim().split(' ');
      const port = Number(address.split('@')[0]?.split(':').at(-1));
      const flagList = flags.split(',');
      return {
        id,
        port,
        role: flagList.includes('master') ? 'master' : 'replica',
        failed: flagList.includes('fail') || flagList.includes('fail?'),
        masterId: master === '-' ? undefined : master,
        // after ping-sent, pong-recv, config-epoch and link-state come the slot ranges, if any
        ownsSlots: rest.length > 4,
      };
    });
}
