// A redis-server of a test's (or a suite's) own on a free loopback port and in a directory of its
// own: for what must freeze, kill or restart Redis, or measure its memory, which the shared server
// must never be used for.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { waitFor } from './wait-for.ts';

export interface LocalRedis {
  url: string;
  port: number;
  /** SIGSTOP: the server keeps its connections but answers nothing (a hung or swapping Redis). */
  freeze(): void;
  thaw(): void;
  /** kill -9, no grace: connections are refused until start(), and what was not on disk is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (what it kept on disk, it loads first). */
  start(): Promise<void>;
  /** Kills it and removes its directory. */
  stop(): Promise<void>;
}

/** Whether a server on the port answers PING, over a raw socket (no client, no reconnects). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Starts redis-server with `args` after its port, bind and directory, and waits until it answers;
 * on `port` when given (a suite run by hand inside its own port range), else on a free one.
 */
export async function startLocalRedis(
  args: readonly string[] = [],
  readyWithinMs = 15_000,
  fixedPort?: number,
): Promise<LocalRedis> {
  const port = fixedPort ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'newsflow-local-redis-'));
  const argv = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...args];
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', argv, { stdio: 'ignore' });
    const ready = async () => ((await answersPing(port)) ? true : undefined);
    await waitFor('redis-server to load what it kept and answer', ready, readyWithinMs, 50);
  };
  const kill = async (): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    kill,
    start,
    stop: async () => {
      child?.kill('SIGCONT');
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
