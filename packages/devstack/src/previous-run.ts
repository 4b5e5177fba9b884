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
  /** the service's run directory, also exported to it as RUN_MARKER (see isOurs) */
  runDir: string;
}

const RUN_MARKER = 'NEWSFLOW_DEVSTACK_RUN';

/** env entry that tags every process of a service (children inherit it) with its run dir */
export function runMarkerEnv(runDir: string): Record<string, string> {
  return { [RUN_MARKER]: realpathSync(runDir) };
}

export function writeRunState(file: string, state: RunState): void {
  writeFileSync(file, `${JSON.stringify({ ...state, runDir: realpathSync(state.runDir) }, null, 2)}\n`);
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

// A pid in the state file may have been recycled by an unrelated process, so look for proof on
// the group's members: our marker in the environment (ES changes its working directory) or the
// run dir as working directory (redis overwrites its environ block to set its process title).
// Any member will do: the group leader may be gone while the forked ES server JVM lives on.
function isOurs(state: RunState): boolean {
  if (!groupAlive(state.pid)) return false;
  const marker = `${RUN_MARKER}=${state.runDir}\0`;
  return groupMembers(state.pid).some((pid) => environOf(pid).includes(marker) || cwdOf(pid) === state.runDir);
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

function environOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return '';
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
