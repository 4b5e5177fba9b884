// Purpose 'main' keeps its data under .cache/newsflow-data, and only one process may own a data
// dir (ES holds node.lock, Redis appends to its AOF). A state file records who started it.
// Policy on the next start:
//  - its owner (the Node process that started it) is still alive -> another main run or the
//    devstack CLI is serving: REUSE it once healthy (we never stop what we did not start);
//  - the owner is dead but the service lives on (orphan, e.g. owner was SIGKILLed before the
//    kernel's parent-death signal reached a forked child) -> STOP it cleanly and start afresh;
//  - nothing alive (or the pid now belongs to an unrelated process) -> forget the file.
import { readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { groupAlive, signalGroup, waitGroupGone } from './process-supervisor.ts';
import { sleep } from './wait.ts';

export interface RunState {
  pid: number;
  ownerPid: number;
  url: string;
  port: number;
  /** working directory of the service: proves the pid was not recycled by something else */
  cwd: string;
}

export function writeRunState(file: string, state: RunState): void {
  // /proc/<pid>/cwd shows the resolved path: store it resolved too
  const resolved = { ...state, cwd: realpathSync(state.cwd) };
  writeFileSync(file, `${JSON.stringify(resolved, null, 2)}\n`);
}

export function clearRunState(file: string): void {
  rmSync(file, { force: true });
}

/** Returns a running service to reuse, or undefined once the way is clear for a fresh start. */
export async function settlePreviousRun(
  file: string,
  isHealthy: (state: RunState) => Promise<boolean>,
  log: (line: string) => void,
): Promise<RunState | undefined> {
  const state = readRunState(file);
  if (!state || !isOurs(state)) {
    clearRunState(file);
    return undefined;
  }
  if (pidAlive(state.ownerPid) && (await healthyWithin(state, isHealthy, 120_000))) {
    log(`reusing ${state.url} started by pid ${state.ownerPid}`);
    return state;
  }
  log(`stopping leftover service pid ${state.pid} (${state.url}) from an earlier run`);
  signalGroup(state.pid, 'SIGTERM');
  if (!(await waitGroupGone(state.pid, 30_000))) signalGroup(state.pid, 'SIGKILL');
  await waitGroupGone(state.pid, 5_000);
  clearRunState(file);
  return undefined;
}

function readRunState(file: string): RunState | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunState;
  } catch {
    return undefined;
  }
}

// The group leader may be gone while a forked member (the ES server JVM) lives on, so check the
// working directory of every member of the process group.
function isOurs(state: RunState): boolean {
  if (!groupAlive(state.pid)) return false;
  return groupMembers(state.pid).some((pid) => cwdOf(pid) === state.cwd);
}

function groupMembers(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        // fields after "(comm)": state ppid pgrp ...; comm may contain spaces and parentheses
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function cwdOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// An owner that is alive may still be starting the service: give it time rather than killing it.
async function healthyWithin(
  state: RunState,
  isHealthy: (state: RunState) => Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(state.ownerPid) && Date.now() < deadline) {
    if (await isHealthy(state)) return true;
    await sleep(500);
  }
  return false;
}
