import { spawn } from 'node:child_process';
import { measured } from '../measure/phase.ts';
import type { PhaseUsage, ServicePids } from '../measure/phase.ts';

/**
 * Runs a peer script as its own process, charging its CPU and peak RSS (from /proc) beside the
 * services', and returns the JSON line it prints.
 */
export async function runPeer<T>(
  name: string,
  script: string,
  args: string[],
  pids: ServicePids,
): Promise<PhaseUsage & { result: T }> {
  return measured(pids, (watch) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, CRAWLEE_PURGE_ON_START: '1' },
    });
    watch(name, child.pid ?? 0);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    return new Promise<T>((resolve, reject) => {
      child.on('exit', (code) => {
        const line = output.trim().split('\n').at(-1) ?? '';
        if (code !== 0) return reject(new Error(`${name} exited with code ${code}`));
        try {
          resolve(JSON.parse(line) as T);
        } catch {
          reject(new Error(`${name} printed no result: ${line.slice(0, 200)}`));
        }
      });
    });
  });
}
