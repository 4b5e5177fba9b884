// A local Redis Sentinel setup on loopback: one master, one replica and three sentinels (quorum 2),
// nothing on disk, so tests can kill the master and watch the replica be promoted.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './free-ports.ts';
import { redisCli } from './redis-cli.ts';
import { nodeDir, startRedisNode, VOLATILE_DATA_ARGS } from './redis-node.ts';
import type { Log } from './service.ts';
import { nodeOnPort, stopTopology } from './topology-node.ts';
import type { TopologyNode } from './topology-node.ts';
import { sleep } from './wait.ts';

export const SENTINEL_MASTER_NAME = 'mymaster';

export interface RedisSentinelOptions {
  log?: Log;
  /** how long the master may be silent before the sentinels call it down (Redis default: 30 s) */
  downAfterMs?: number;
}

export interface LocalRedisSentinel {
  /** master, replica, then the three sentinels */
  readonly nodes: readonly TopologyNode[];
  readonly env: { REDIS_URL: string; REDIS_SENTINELS: string; REDIS_SENTINEL_NAME: string };
  node(port: number): TopologyNode;
  /** the port of the current master, as a live sentinel reports it */
  masterPort(): Promise<number>;
  stop(): Promise<void>;
}

export async function startRedisSentinel(options: RedisSentinelOptions = {}): Promise<LocalRedisSentinel> {
  const startedAt = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'newsflow-redis-sentinel-'));
  const [master = 0, replica = 0, ...sentinelPorts] = await freePorts(5);
  const nodes: TopologyNode[] = [];
  const stop = stopTopology(nodes, root);
  try {
    nodes.push(await startRedisNode({ name: `master-${master}`, port: master, root, args: VOLATILE_DATA_ARGS }));
    const replicaArgs = ['--replicaof', '127.0.0.1', String(master), ...VOLATILE_DATA_ARGS];
    nodes.push(await startRedisNode({ name: `replica-${replica}`, port: replica, root, args: replicaArgs }));
    const sentinels = sentinelPorts.map((port) => startSentinel(root, port, master, options));
    nodes.push(...(await Promise.all(sentinels)));
    await waitSentinelsReady(sentinelPorts, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  options.log?.(
    `redis sentinel: master ${master}, replica ${replica}, sentinels ${sentinelPorts.join(',')} (${seconds}s)`,
  );
  return {
    nodes,
    env: {
      REDIS_URL: `redis://127.0.0.1:${master}`,
      REDIS_SENTINELS: sentinelPorts.map((port) => `127.0.0.1:${port}`).join(','),
      REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
    },
    node: (port) => nodeOnPort(nodes, port),
    masterPort: () => currentMaster(nodes.slice(2)),
    stop,
  };
}

function startSentinel(root: string, port: number, master: number, options: RedisSentinelOptions) {
  const name = `sentinel-${port}`;
  // sentinels rewrite their config file (discovered peers, epochs), so each gets its own copy
  const configFile = join(nodeDir({ root, name }), 'sentinel.conf');
  const downAfter = options.downAfterMs ?? 2_000;
  const config = [
    `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${master} 2`,
    `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} ${downAfter}`,
    `sentinel failover-timeout ${SENTINEL_MASTER_NAME} ${Math.max(10_000, downAfter * 3)}`,
    `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
  ];
  writeFileSync(configFile, `${config.join('\n')}\n`);
  return startRedisNode({ name, port, root, args: ['--sentinel'], configFile });
}

/** Each sentinel knows the replica and both other sentinels: only then can they agree on a failover. */
async function waitSentinelsReady(ports: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.all(ports.map(sentinelReady))).every(Boolean)) {
    if (Date.now() > deadline) throw new Error(`sentinels not ready after ${timeoutMs / 1000}s`);
    await sleep(200);
  }
}

async function sentinelReady(port: number): Promise<boolean> {
  try {
    const fields = flatPairs(await redisCli(port, 'SENTINEL', 'MASTER', SENTINEL_MASTER_NAME));
    return (
      fields.get('num-slaves') === '1' && fields.get('num-other-sentinels') === '2' && fields.get('flags') === 'master'
    );
  } catch {
    return false;
  }
}

async function currentMaster(sentinels: TopologyNode[]): Promise<number> {
  for (const sentinel of sentinels.filter((node) => node.isRunning())) {
    try {
      const [, port] = (
        await redisCli(sentinel.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME)
      ).split('\n');
      if (port) return Number(port);
    } catch {
      // ask the next sentinel
    }
  }
  throw new Error('no sentinel answers');
}

/** redis-cli prints a flat field/value reply one item per line */
function flatPairs(reply: string): Map<string, string> {
  const lines = reply.split('\n');
  const pairs = new Map<string, string>();
  for (let i = 0; i + 1 < lines.length; i += 2) pairs.set(lines[i]!, lines[i + 1]!);
  return pairs;
}
