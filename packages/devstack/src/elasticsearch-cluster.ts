// A local multi-node Elasticsearch cluster from the same integ-test zip as the single node: one
// directory (config copy, data, logs) per node under a throw-away root, own HTTP and transport
// ports, discovery through each other's transport ports, 512 MB heap each, loopback only.
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareLaunch, prepareRunDir, processEnv, settingsArgs } from './elasticsearch-native.ts';
import type { Launch } from './elasticsearch-native.ts';
import { freePorts } from './free-ports.ts';
import type { PortRange } from './free-ports.ts';
import { startSupervised } from './process-supervisor.ts';
import type { Log } from './service.ts';
import { nodeOnPort, stopTopology, topologyNode } from './topology-node.ts';
import type { TopologyNode } from './topology-node.ts';
import { waitUntilReady } from './wait.ts';

const START_TIMEOUT_MS = Number(process.env.NEWSFLOW_ES_START_TIMEOUT_MS ?? 300_000);

export interface ElasticsearchClusterOptions {
  log?: Log;
  /** 3 by default: the smallest cluster that keeps a master quorum when one node dies */
  nodes?: number;
  /** where the HTTP and the transport ports are taken (any free port when absent) */
  ports?: { http: PortRange; transport: PortRange };
}

export interface LocalElasticsearchCluster {
  readonly nodes: readonly TopologyNode[];
  /** one HTTP URL per node, in node order (es-1 first) */
  readonly urls: readonly string[];
  /** ELASTICSEARCH_URL as the config takes it: every node, comma-separated */
  readonly env: { ELASTICSEARCH_URL: string };
  node(port: number): TopologyNode;
  stop(): Promise<void>;
}

interface NodePorts {
  name: string;
  http: number;
  transport: number;
}

export async function startElasticsearchCluster(
  options: ElasticsearchClusterOptions = {},
): Promise<LocalElasticsearchCluster> {
  const startedAt = Date.now();
  const count = options.nodes ?? 3;
  const launch = await prepareLaunch({ purpose: 'test', log: options.log ?? (() => {}) });
  const root = mkdtempSync(join(tmpdir(), 'newsflow-es-cluster-'));
  chmodSync(root, 0o755); // the service user must reach its node directories
  const ports = await nodePorts(count, options.ports);
  const members = Array.from({ length: count }, (_, i) => ({
    name: `es-${i + 1}`,
    http: ports[i]!,
    transport: ports[count + i]!,
  }));
  const nodes: TopologyNode[] = [];
  const stop = stopTopology(nodes, root);
  const urls = members.map((member) => `http://127.0.0.1:${member.http}`);
  try {
    const started = members.map((member) => startNode(launch, root, member, members));
    nodes.push(...started.map((entry) => entry.node));
    await Promise.all(
      started.map((entry, i) => waitUntilReady(entry.proc, () => clusterGreen(urls[i]!, count), entry.wait)),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  options.log?.(`elasticsearch cluster ${urls.join(',')} (${count} nodes, green after ${seconds}s)`);
  return { nodes, urls, env: { ELASTICSEARCH_URL: urls.join(',') }, node: (port) => nodeOnPort(nodes, port), stop };
}

function startNode(launch: Launch, root: string, member: NodePorts, members: NodePorts[]) {
  const dir = join(root, member.name);
  mkdirSync(dir);
  prepareRunDir(launch, dir);
  const topology = {
    'cluster.name': `newsflow-cluster-${members[0]!.http}`,
    'node.name': member.name,
    'discovery.seed_hosts': members.map((other) => `127.0.0.1:${other.transport}`).join(','),
    'cluster.initial_master_nodes': members.map((other) => other.name).join(','),
  };
  const logFile = join(dir, 'logs', 'console.log');
  const proc = startSupervised({
    name: member.name,
    command: join(launch.home, 'bin', 'elasticsearch'),
    args: settingsArgs(launch, dir, member.http, member.transport, topology),
    cwd: dir,
    env: processEnv(launch, dir),
    logFile,
    ...(launch.runAs ? { runAs: launch.runAs } : {}),
    removeOnExit: root,
  });
  const wait = { timeoutMs: START_TIMEOUT_MS, intervalMs: 1_000, logFile };
  return { proc, wait, node: topologyNode(member.name, member.http, proc, 20_000) };
}

async function nodePorts(count: number, ranges: ElasticsearchClusterOptions['ports']): Promise<number[]> {
  if (!ranges) return freePorts(count * 2);
  return [...(await freePorts(count, ranges.http)), ...(await freePorts(count, ranges.transport))];
}

/** Green with every node joined, as this node sees it. */
export async function clusterGreen(url: string, nodes: number): Promise<boolean> {
  try {
    const query = `wait_for_status=green&wait_for_nodes=${nodes}&timeout=1s`;
    const response = await fetch(`${url}/_cluster/health?${query}`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return false;
    const body = (await response.json()) as { status?: string; number_of_nodes?: number };
    return body.status === 'green' && body.number_of_nodes === nodes;
  } catch {
    return false;
  }
}
