// Starts long-lived service processes (redis-server, Elasticsearch) and guarantees they die with us.
// Three layers, because any one alone leaves orphans in some case:
//  1. stop(): SIGTERM to the whole process group, SIGKILL after a grace period (ES forks a server
//     JVM from its launcher, so signalling only the leader pid is not enough);
//  2. hooks on exit/SIGINT/SIGTERM/SIGHUP of this Node process;
//  3. `setpriv --pdeathsig TERM`, which the kernel honours even when we are SIGKILLed.
import { spawn } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { findExecutable } from './executables.ts';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here: a file survives us and never blocks like a full pipe */
  logFile: string;
  /** run under this uid/gid (Elasticsearch refuses to run as root) */
  runAs?: { uid: number; gid: number };
  /** throw-away directory to delete if we exit without stop() (stop() callers delete it themselves) */
  removeOnExit?: string;
}

export interface SupervisedProcess {
  readonly name: string;
  readonly removeOnExit?: string | undefined;
  readonly pid: number;
  /** resolves when the direct child exits (early exit = failed start) */
  readonly exited: Promise<ExitInfo>;
  isRunning(): boolean;
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<SupervisedProcess>();
let hooksInstalled = false;

export function startSupervised(options: StartOptions): SupervisedProcess {
  installHooks();
  const { command, args, uidOptions } = wrapWithSetpriv(options);
  const out = openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', out, out],
    detached: true, // own process group: Ctrl-C in a terminal must not reach it before we stop it
    ...uidOptions,
  });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${options.name} (${command})`);
  let running = true;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
    child.once('error', () => {
      running = false;
      resolve({ code: null, signal: null });
    });
  });
  child.unref(); // a test that forgets stop() must still be able to exit; the exit hook cleans up
  const proc: SupervisedProcess = {
    name: options.name,
    removeOnExit: options.removeOnExit,
    pid,
    exited,
    isRunning: () => running,
    stop: (graceMs = 15_000) => stopGroup(proc, graceMs),
  };
  live.add(proc);
  void exited.then(() => live.delete(proc));
  return proc;
}

/** Prefer setpriv: it drops privileges AND sets the parent-death signal in one exec. */
function wrapWithSetpriv(options: StartOptions) {
  const setpriv = findExecutable('setpriv');
  if (!setpriv) {
    const uidOptions = options.runAs ? { uid: options.runAs.uid, gid: options.runAs.gid } : {};
    return { command: options.command, args: options.args, uidOptions };
  }
  const ids = options.runAs ? [`--reuid=${options.runAs.uid}`, `--regid=${options.runAs.gid}`, '--init-groups'] : [];
  const args = [...ids, '--pdeathsig', 'TERM', '--', options.command, ...options.args];
  return { command: setpriv, args, uidOptions: {} };
}

async function stopGroup(proc: SupervisedProcess, graceMs: number): Promise<void> {
  if (!groupAlive(proc.pid)) return;
  signalGroup(proc.pid, 'SIGTERM');
  if (!(await waitGroupGone(proc.pid, graceMs))) {
    signalGroup(proc.pid, 'SIGKILL');
    await waitGroupGone(proc.pid, 5_000);
  }
  await proc.exited;
  live.delete(proc);
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else: still alive
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** true when every process of the group is gone within timeoutMs */
export async function waitGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((proc) => proc.stop()));
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous: send SIGTERM and let the services shut down on their own.
  // Deleting a dir under a service that is shutting down is harmless on Linux (open files live on).
  process.on('exit', () => {
    for (const proc of live) {
      signalGroup(proc.pid, 'SIGTERM');
      if (proc.removeOnExit) rmSync(proc.removeOnExit, { recursive: true, force: true });
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => onSignal(signal));
  }
}

// Listening to a signal disables Node's default "die". If the host program listens too, it owns
// the shutdown (and will call stop() or exit, which triggers the exit hook); if we are the only
// listener we must restore the default: stop our services, then exit with 128+signo.
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  const code = 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1);
  void stopAll().finally(() => process.exit(code));
}
