// Talks to the local topologies through redis-cli (shipped with redis-server), so devstack needs no
// Redis client library of its own.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findExecutable } from './executables.ts';

const run = promisify(execFile);

export function redisCliBinary(): string {
  const binary = findExecutable('redis-cli');
  if (!binary) throw new Error('redis-cli not found: run scripts/bootstrap.sh (apt-get install redis-tools)');
  return binary;
}

/** One command against 127.0.0.1:port; the reply as redis-cli prints it (raw, one field per line). */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(redisCliBinary(), ['-h', '127.0.0.1', '-p', String(port), ...args], {
    timeout: 10_000,
  });
  return stdout.trim();
}

/** `redis-cli --cluster create` (and other --cluster subcommands): several minutes at most. */
export async function redisCliCluster(args: string[]): Promise<string> {
  const { stdout } = await run(redisCliBinary(), ['--cluster', ...args], { timeout: 120_000 });
  return stdout;
}
