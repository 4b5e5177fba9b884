// The stage processes of a fault run, two (or more) per stage, each a real `node services/<stage>`
// process: what the schedule kills with SIGKILL (and starts again, as a supervisor would) and
// freezes with SIGSTOP. The API runs once, outside the fleet, and is never a target.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { spawnService, stopProcesses } from '@newsflow/testkit';

export const FAULT_STAGES = ['fetcher', 'cleaner', 'dedupe', 'indexer'] as const;
export type FaultStage = (typeof FAULT_STAGES)[number];

export interface WorkerFleet {
  /** SIGKILL one worker of the stage picked by `pick`, wait for it to die, start a new one in its slot */
  killAndRestart(stage: FaultStage, pick: (count: number) => number): Promise<string>;
  /** SIGSTOP one worker for `ms`, then SIGCONT: a process frozen (swapped, paused VM) past its lock */
  freeze(stage: FaultStage, pick: (count: number) => number, ms: number): Promise<string>;
  /** processes that exited without the schedule killing them (a crash the run must report) */
  unexpectedExits(): string[];
  /** the live workers, as "stage#slot" and pid (what the load run samples the RSS of) */
  workers(): Array<{ name: string; pid: number }>;
  stop(): Promise<void>;
}

export function startFleet(env: NodeJS.ProcessEnv, perStage: number): WorkerFleet {
  const slots = new Map<FaultStage, ChildProcess[]>();
  const crashes: string[] = [];
  const expected = new Set<ChildProcess>();
  const spawnWorker = (stage: FaultStage): ChildProcess => {
    const tail: string[] = []; // the last lines a process wrote: why it died, when it did
    const child = spawnService(stage, env, (_service, line) => {
      tail.push(line.slice(0, 400));
      if (tail.length > 5) tail.shift();
      if (process.env.NEWSFLOW_E2E_LOGS) console.error(`[${stage} ${child.pid}] ${line}`);
    });
    child.on('exit', (code, signal) => {
      if (expected.has(child)) return;
      crashes.push(
        `${stage} pid ${child.pid}: exit ${code ?? signal} at ${new Date().toISOString()}: ${tail.join(' | ')}`,
      );
    });
    return child;
  };
  for (const stage of FAULT_STAGES)
    slots.set(
      stage,
      Array.from({ length: perStage }, () => spawnWorker(stage)),
    );
  const target = (stage: FaultStage, pick: (count: number) => number) => {
    const workers = slots.get(stage)!;
    const slot = pick(workers.length);
    return { workers, slot, child: workers[slot]! };
  };
  return {
    killAndRestart: async (stage, pick) => {
      const { workers, slot, child } = target(stage, pick);
      expected.add(child);
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      workers[slot] = spawnWorker(stage);
      return `${stage}#${slot} pid ${child.pid}`;
    },
    freeze: async (stage, pick, ms) => {
      const { slot, child } = target(stage, pick);
      child.kill('SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, ms));
      child.kill('SIGCONT');
      return `${stage}#${slot} pid ${child.pid}`;
    },
    unexpectedExits: () => [...crashes],
    workers: () =>
      [...slots].flatMap(([stage, workers]) =>
        workers.map((child, slot) => ({ name: `${stage}#${slot}`, pid: child.pid! })),
      ),
    stop: async () => {
      const all = [...slots.values()].flat();
      for (const child of all) expected.add(child);
      await stopProcesses(all);
    },
  };
}
