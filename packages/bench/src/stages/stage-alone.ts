import { callsPerItem, commandCalls } from '../measure/redis-commands.ts';
import { measured } from '../measure/phase.ts';
import type { ServicePids } from '../measure/phase.ts';
import type { ProcUsage } from '../measure/proc-stats.ts';
import { redisUsedMemory } from '../measure/service-pids.ts';
import { steadyRate } from '../measure/stats.ts';
import { finished, searchable, track } from './progress.ts';
import { createRunContext, submitUrls } from './run-context.ts';
import type { BenchSettings, RunContext, Stage } from './run-context.ts';
import { pidsOf, startStages, stopStages } from './stage-processes.ts';

export interface StageAloneResult {
  stage: Stage;
  inputs: number;
  outputs: number;
  failed: number;
  pagesPerSecond: number;
  seconds: number;
  usage: ProcUsage[];
  /** Redis commands per input (INFO commandstats over the stage's run, script-internal calls included) */
  redisCommands: ReturnType<typeof callsPerItem>;
}

export interface StagesAloneResult {
  stages: StageAloneResult[];
  /** Redis bytes per fetched page waiting for the cleaner (raw page + clean job) */
  redisBytesPerPageInFlight: number;
}

/**
 * Each stage alone on the same inputs: all URLs are queued, then the fetcher runs until every
 * fetch is done and stops, then the cleaner on everything fetched, then dedupe, then the indexer.
 * Each stage therefore sees the whole run's input already waiting, with nothing else running.
 */
export async function runStagesAlone(
  settings: BenchSettings,
  urls: readonly string[],
  pids: ServicePids,
): Promise<StagesAloneResult> {
  const context = createRunContext(settings, 'alone');
  try {
    await submitUrls(context, urls);
    const beforeFetch = await redisUsedMemory(context.redis);
    const fetch = await runAlone(context, 'fetch', urls.length, pids);
    const inFlight = (await redisUsedMemory(context.redis)) - beforeFetch;
    const clean = await runAlone(context, 'clean', fetch.outputs, pids);
    const dedupe = await runAlone(context, 'dedupe', clean.outputs, pids);
    const index = await runAlone(context, 'index', dedupe.outputs, pids);
    return { stages: [fetch, clean, dedupe, index], redisBytesPerPageInFlight: inFlight / Math.max(1, fetch.outputs) };
  } finally {
    await context.dispose();
  }
}

async function runAlone(
  context: RunContext,
  stage: Stage,
  inputs: number,
  pids: ServicePids,
): Promise<StageAloneResult> {
  const progress =
    stage === 'index'
      ? async () => (await searchable(context)) + (await finished(context, 'index')).failed
      : async () => {
          const { completed, failed } = await finished(context, stage);
          return completed + failed;
        };
  // started before the clock and the CPU count, so process start-up is not charged to the stage
  const processes = await startStages(context, [stage], { processes: 1 });
  const commandsBefore = await commandCalls(context.redis);
  const phase = await measured({ ...pids, ...pidsOf(processes) }, () => track(progress, inputs)).finally(() =>
    stopStages(processes),
  );
  const redisCommands = callsPerItem(commandsBefore, await commandCalls(context.redis), inputs);
  const { completed, failed } = await finished(context, stage);
  const outputs = stage === 'index' ? await searchable(context) : completed;
  return {
    stage,
    inputs,
    outputs,
    failed,
    pagesPerSecond: steadyRate(phase.result.points, inputs),
    seconds: phase.result.seconds,
    usage: phase.usage,
    redisCommands,
  };
}
