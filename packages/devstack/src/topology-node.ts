// One process of a multi-node topology (a Redis Cluster node, a sentinel, an Elasticsearch node),
// with the two ways to end it that failover tests need: a clean stop and a kill -9.
import { rmSync } from 'node:fs';
import { groupAlive, signalGroup, waitGroupGone } from './process-supervisor.ts';
import type { SupervisedProcess } from './process-supervisor.ts';

export interface TopologyNode {
  /** e.g. redis-7001, sentinel-2, es-3 */
  readonly name: string;
  /** the port clients talk to (Redis port, Elasticsearch HTTP port) */
  readonly port: number;
  /** process group id */
  readonly pid: number;
  isRunning(): boolean;
  /** SIGKILL to the whole process group, no grace: the crash a failover test needs */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function topologyNode(name: string, port: number, proc: SupervisedProcess, graceMs: number): TopologyNode {
  return {
    name,
    port,
    pid: proc.pid,
    isRunning: () => groupAlive(proc.pid),
    kill: async () => {
      signalGroup(proc.pid, 'SIGKILL');
      await waitGroupGone(proc.pid, 10_000);
      await proc.exited;
    },
    stop: () => proc.stop(graceMs),
  };
}

/** Stops every node at once; a node that fails to stop does not keep the others running. */
export async function stopNodes(nodes: readonly TopologyNode[]): Promise<void> {
  const results = await Promise.allSettled(nodes.map((node) => node.stop()));
  const failed = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failed.length > 0) throw new AggregateError(failed, 'devstack: some nodes did not stop');
}

/** The node on a port, or a clear error naming it. */
export function nodeOnPort(nodes: readonly TopologyNode[], port: number): TopologyNode {
  const found = nodes.find((node) => node.port === port);
  if (!found) throw new Error(`no node of this topology on port ${port}`);
  return found;
}

/** stop() of a whole topology: every node, then its throw-away root; idempotent. */
export function stopTopology(nodes: readonly TopologyNode[], root: string): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stopNodes(nodes).finally(() => rmSync(root, { recursive: true, force: true })));
}
