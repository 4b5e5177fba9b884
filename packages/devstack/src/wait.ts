// Small polling helpers shared by the native starters.
import { readFileSync } from 'node:fs';
import type { ExitInfo, SupervisedProcess } from './process-supervisor.ts';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns true. Fails fast when the process exits first (a crashed service
 * would otherwise cost the whole timeout) and always names the log to look at.
 */
export async function waitUntilReady(
  proc: SupervisedProcess,
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs: number; logFile: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let exit: ExitInfo | undefined;
  void proc.exited.then((info) => (exit = info));
  while (Date.now() < deadline) {
    if (await probe()) return;
    if (exit) throw startError(proc.name, `exited early (${describe(exit)})`, options.logFile);
    await sleep(options.intervalMs);
  }
  throw startError(proc.name, `not ready after ${options.timeoutMs / 1000}s`, options.logFile);
}

function describe(exit: ExitInfo): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

function startError(name: string, what: string, logFile: string): Error {
  return new Error(`${name} ${what}; last lines of ${logFile}:\n${tail(logFile, 30)}`);
}

export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
