// One redis-server process of a local topology (Cluster node, Sentinel master/replica, sentinel),
// in its own directory under the topology's throw-away root, ready once it answers PING.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from './executables.ts';
import { startSupervised } from './process-supervisor.ts';
import { redisPing } from './redis-native.ts';
import { topologyNode } from './topology-node.ts';
import type { TopologyNode } from './topology-node.ts';
import { waitUntilReady } from './wait.ts';

/** Data nodes keep nothing on disk and refuse writes rather than evict (BullMQ must never lose a job). */
export const VOLATILE_DATA_ARGS = ['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];

export interface RedisNodeSpec {
  name: string;
  port: number;
  /** the topology's root; the node gets root/<name> */
  root: string;
  /** options after the common ones (port, bind, dir) */
  args: string[];
  /** a config file to pass first (sentinels must have a writable one) */
  configFile?: string;
}

export function redisServerBinary(): string {
  const binary = findExecutable('redis-server');
  if (!binary) throw new Error('redis-server not found: run scripts/bootstrap.sh (apt-get install redis-server)');
  return binary;
}

export function nodeDir(spec: Pick<RedisNodeSpec, 'root' | 'name'>): string {
  const dir = join(spec.root, spec.name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function startRedisNode(spec: RedisNodeSpec): Promise<TopologyNode> {
  const dir = nodeDir(spec);
  const common = ['--port', String(spec.port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no'];
  const args = [...(spec.configFile ? [spec.configFile] : []), ...common, ...spec.args];
  const logFile = join(dir, 'redis.log');
  const proc = startSupervised({
    name: spec.name,
    command: redisServerBinary(),
    args,
    cwd: dir,
    env: process.env,
    logFile,
  });
  try {
    await waitUntilReady(proc, () => redisPing(spec.port), { timeoutMs: 30_000, intervalMs: 50, logFile });
  } catch (error) {
    await proc.stop(2_000);
    throw error;
  }
  return topologyNode(spec.name, spec.port, proc, 10_000);
}
