import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnService, stopProcesses } from '@newsflow/testkit';
import type { RunContext, Stage } from './run-context.ts';
import { SERVICE_OF } from './run-context.ts';

export interface StageProcess {
  stage: Stage;
  name: string;
  child: ChildProcess;
}

export interface StartOptions {
  processes: number;
  /** write a V8 CPU profile of each process into this directory when it exits */
  profileDir?: string;
}

/**
 * Starts `processes` real stage processes (`node services/<service>/src/main.ts`, as in
 * production) and waits until each has a BullMQ worker on its queue, so timing starts warm.
 */
export async function startStages(
  context: RunContext,
  stages: readonly Stage[],
  options: StartOptions,
): Promise<StageProcess[]> {
  const extra: Record<string, string> = options.profileDir
    ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.profileDir}` }
    : {};
  const started = stages.flatMap((stage) =>
    Array.from({ length: options.processes }, (_, i) => ({
      stage,
      name: `${SERVICE_OF[stage]}#${i + 1}`,
      child: spawnService(
        SERVICE_OF[stage],
        { ...process.env, ...context.env(extra) },
        (service, line) => process.stderr.write(`[${service}] ${line}\n`),
        context.serviceRoot,
      ),
    })),
  );
  const deadline = Date.now() + 90_000;
  for (const stage of stages) {
    while ((await context.queues[stage].getWorkersCount()) < options.processes) {
      const dead = started.find((p) => p.child.exitCode !== null);
      if (dead) throw new Error(`${dead.name} exited with code ${dead.child.exitCode} while starting`);
      if (Date.now() > deadline) throw new Error(`${stage} workers did not register within 90 s`);
      await sleep(100);
    }
  }
  return started;
}

/** SIGTERM (graceful: in-flight jobs finish, profiles are written), SIGKILL after 10 s. */
export async function stopStages(processes: readonly StageProcess[]): Promise<void> {
  await stopProcesses(processes.map((p) => p.child));
}

/** Process ids by name, for the /proc sampler. */
export function pidsOf(processes: readonly StageProcess[]): Record<string, number> {
  return Object.fromEntries(processes.map((p) => [p.name, p.child.pid ?? 0]));
}
