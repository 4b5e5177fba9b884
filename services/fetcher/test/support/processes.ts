import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { once } from 'node:events';

const ROOT = join(import.meta.dirname, '../../../..');
const MAIN = join(ROOT, 'services/fetcher/src/main.ts');

/** Starts real fetcher processes (`node services/fetcher/src/main.ts`) configured by env only. */
export function spawnFetchers(count: number, env: Record<string, string>): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
}

/** SIGTERM (graceful close), then SIGKILL if a process has not exited within 5 s. */
export async function stopFetchers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
