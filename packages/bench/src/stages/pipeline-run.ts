import { measured } from '../measure/phase.ts';
import type { ServicePids } from '../measure/phase.ts';
import type { ProcUsage } from '../measure/proc-stats.ts';
import { redisUsedMemory } from '../measure/service-pids.ts';
import { monotonicUs } from '../report/cpu-profile.ts';
import type { ProfileWindow } from '../report/cpu-profile.ts';
import { steadyRate } from '../measure/stats.ts';
import { failedByStage, failureReasons, finished, searchable, track } from './progress.ts';
import { STAGES, createRunContext, submitUrls } from './run-context.ts';
import type { BenchSettings, RunContext, Stage } from './run-context.ts';
import { pidsOf, startStages, stopStages } from './stage-processes.ts';

/** Where every submitted URL ended: indexed, or failed at a stage with a reason. */
export interface Accounting {
  submitted: number;
  indexed: number;
  failed: Record<Stage, number>;
  reasons: Record<string, number>;
  /** submitted − indexed − failed: 0 when nothing was lost */
  unaccounted: number;
}

export interface PipelineRunResult {
  processesPerStage: number;
  pagesPerSecond: number;
  seconds: number;
  timedOut: boolean;
  accounting: Accounting;
  /** Redis used_memory growth per indexed article once the run is over (cluster store, job records) */
  redisBytesPerArticle: number;
  usage: ProcUsage[];
  /** jobs each stage completed, to turn profile time into time per page */
  completedByStage: Record<Stage, number>;
  /** when the load ran (CLOCK_MONOTONIC µs), to cut the profiles to it */
  window: ProfileWindow;
}

export interface PipelineRunOptions {
  /** runs on the finished run's index and Redis before they are cleared (the bulk floor reads its documents) */
  onFinished?: (context: RunContext) => Promise<void>;
  /** write a V8 CPU profile of each stage process into this directory */
  profileDir?: string;
}

/** All four stages at once, every URL submitted up front: the throughput at steady state. */
export async function runPipeline(
  settings: BenchSettings,
  urls: readonly string[],
  pids: ServicePids,
  processesPerStage: number,
  options: PipelineRunOptions = {},
): Promise<PipelineRunResult> {
  const context = createRunContext(settings, `p${processesPerStage}`);
  try {
    const before = await redisUsedMemory(context.redis);
    const processes = await startStages(context, STAGES, {
      processes: processesPerStage,
      profileDir: options.profileDir,
    });
    const fromUs = monotonicUs();
    const phase = await measured({ ...pids, ...pidsOf(processes) }, async () => {
      await submitUrls(context, urls);
      return track(() => doneCount(context), urls.length, { everyMs: 1000 });
    }).finally(() => stopStages(processes));
    const window = { fromUs, toUs: monotonicUs() };
    const accounting = await accountFor(context, urls.length);
    const grown = (await redisUsedMemory(context.redis)) - before;
    const completedByStage = await completedOf(context);
    await options.onFinished?.(context);
    return {
      processesPerStage,
      pagesPerSecond: steadyRate(phase.result.points, urls.length),
      seconds: phase.result.seconds,
      timedOut: phase.result.timedOut,
      accounting,
      redisBytesPerArticle: grown / Math.max(1, accounting.indexed),
      usage: phase.usage,
      completedByStage,
      window,
    };
  } finally {
    await context.dispose();
  }
}

/** URLs that reached an end: searchable in the index, or failed for good at some stage. */
export async function doneCount(context: RunContext): Promise<number> {
  const [indexed, failed] = await Promise.all([searchable(context), failedByStage(context)]);
  return indexed + Object.values(failed).reduce((sum, n) => sum + n, 0);
}

export async function accountFor(context: RunContext, submitted: number): Promise<Accounting> {
  await context.es.indices.refresh({ index: context.prefix }).catch(() => undefined);
  const [indexed, failed] = await Promise.all([searchable(context), failedByStage(context)]);
  const reasons: Record<string, number> = {};
  for (const stage of STAGES)
    for (const [code, n] of Object.entries(await failureReasons(context, stage))) reasons[`${stage}:${code}`] = n;
  const failedTotal = Object.values(failed).reduce((sum, n) => sum + n, 0);
  return { submitted, indexed, failed, reasons, unaccounted: submitted - indexed - failedTotal };
}

/** Jobs each stage completed. */
export async function completedOf(context: RunContext): Promise<Record<Stage, number>> {
  const completed = await Promise.all(STAGES.map(async (stage) => (await finished(context, stage)).completed));
  return Object.fromEntries(STAGES.map((stage, i) => [stage, completed[i] ?? 0])) as Record<Stage, number>;
}
