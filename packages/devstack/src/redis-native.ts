// Native redis-server on a free port. Tests get a throw-away dir without persistence; 'main' gets
// AOF (fsync every second) under .cache/newsflow-data so the next run sees the same queues.
// noeviction always: BullMQ must get an error, never silently lose a job under memory pressure.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { findExecutable } from './executables.ts';
import { mainDataDir } from './paths.ts';
import { clearRunState, runMarkerEnv, settlePreviousRun, writeRunState } from './previous-run.ts';
import { startSupervised } from './process-supervisor.ts';
import { isAddressInUse } from './service.ts';
import type { NativeService, ProviderOptions } from './service.ts';
import { waitUntilReady } from './wait.ts';

const MAIN_PORT = 6380; // not 6379, so a system redis on the default port is left alone

export async function startNativeRedis(options: ProviderOptions): Promise<NativeService> {
  const binary = findExecutable('redis-server');
  if (!binary) throw new Error('redis-server not found: run scripts/bootstrap.sh (apt-get install redis-server)');
  if (options.purpose === 'main') {
    const stateFile = join(mainDataDir, 'redis.json');
    const reused = await settlePreviousRun(stateFile, (s) => redisPing(s.port), options.log);
    if (reused)
      return { url: reused.url, provenance: 'native', pid: undefined, port: reused.port, stop: async () => {} };
  }
  // a port that was free when picked can be taken before redis binds it: retry once on EADDRINUSE
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(binary, options);
    } catch (error) {
      if (attempt >= 2 || !isAddressInUse(error)) throw error;
    }
  }
}

async function launch(binary: string, options: ProviderOptions): Promise<NativeService> {
  const main = options.purpose === 'main';
  const dir = main ? join(mainDataDir, 'redis') : mkdtempSync(join(tmpdir(), 'newsflow-redis-'));
  mkdirSync(dir, { recursive: true });
  const port = await getPort(main ? { port: MAIN_PORT } : {});
  const persistence = main ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'];
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--save',
    '',
    ...persistence,
    '--maxmemory-policy',
    'noeviction',
  ];
  const logFile = join(dir, 'redis.log');
  const env = { ...process.env, ...runMarkerEnv(dir) };
  const removeOnExit = main ? undefined : dir;
  const proc = startSupervised({ name: 'redis-server', command: binary, args, cwd: dir, env, logFile, removeOnExit });
  const url = `redis://127.0.0.1:${port}`;
  const stateFile = join(mainDataDir, 'redis.json');
  try {
    await waitUntilReady(proc, () => redisPing(port), { timeoutMs: 30_000, intervalMs: 50, logFile });
  } catch (error) {
    await proc.stop(2_000);
    if (!main) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  if (main) writeRunState(stateFile, { pid: proc.pid, ownerPid: process.pid, url, port, runDir: dir });
  options.log(`redis ${url} (native, pid ${proc.pid}${main ? `, data in ${dir}` : ''})`);
  const stop = async () => {
    await proc.stop(10_000);
    if (main) clearRunState(stateFile);
    else rmSync(dir, { recursive: true, force: true });
  };
  return { url, provenance: 'native', pid: proc.pid, port, stop };
}

/** true once the server answers PONG (not while it is still loading the AOF) */
export function redisPing(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
