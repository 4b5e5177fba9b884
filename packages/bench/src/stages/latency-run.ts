import { measured } from '../measure/phase.ts';
import type { ServicePids } from '../measure/phase.ts';
import type { ProcUsage } from '../measure/proc-stats.ts';
import { monotonicUs } from '../report/cpu-profile.ts';
import type { ProfileWindow } from '../report/cpu-profile.ts';
import { runOpenLoop } from './open-loop.ts';
import type { LatencyResult, OpenLoopOptions } from './open-loop.ts';
import { accountFor, completedOf } from './pipeline-run.ts';
import type { Accounting } from './pipeline-run.ts';
import { STAGES, createRunContext } from './run-context.ts';
import type { BenchSettings, RunContext, Stage } from './run-context.ts';
import { pidsOf, startStages, stopStages } from './stage-processes.ts';
import type { StageProcess } from './stage-processes.ts';

export interface LatencyRunResult {
  latency: LatencyResult;
  accounting: Accounting;
  /** jobs each stage completed, to turn profile time into time per page */
  completedByStage: Record<Stage, number>;
  usage: ProcUsage[];
  /** when the load ran (CLOCK_MONOTONIC µs), to cut the profiles to it */
  window: ProfileWindow;
}

export interface LatencyRunOptions extends Omit<OpenLoopOptions, 'onTick'> {
  profileDir?: string;
  /** called every tick with the run's stage processes (the soak samples their memory) */
  onTick?: (elapsedMs: number, processes: readonly StageProcess[], context: RunContext) => Promise<void> | void;
}

/** The pipeline (one process per stage) under an open-loop load, optionally profiled. */
export async function runLatency(
  settings: BenchSettings,
  urls: readonly string[],
  pids: ServicePids,
  options: LatencyRunOptions,
): Promise<LatencyRunResult> {
  const context = createRunContext(settings, 'lat');
  try {
    const processes = await startStages(context, STAGES, { processes: 1, profileDir: options.profileDir });
    const fromUs = monotonicUs();
    const phase = await measured({ ...pids, ...pidsOf(processes) }, () =>
      runOpenLoop(context, urls, { ...options, onTick: (elapsed) => options.onTick?.(elapsed, processes, context) }),
    ).finally(() => stopStages(processes));
    const window = { fromUs, toUs: monotonicUs() };
    const accounting = await accountFor(context, phase.result.submitted);
    const completedByStage = await completedOf(context);
    return { latency: phase.result, accounting, completedByStage, usage: phase.usage, window };
  } finally {
    await context.dispose();
  }
}
