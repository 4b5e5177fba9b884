import { queueKey } from '@newsflow/runtime';
import { setTimeout as sleep } from 'node:timers/promises';
import { indexNames } from '@newsflow/search';
import type { RunContext, Stage } from './run-context.ts';
import { STAGES } from './run-context.ts';

/** Jobs finished by a stage: completed and failed for good, read from BullMQ's sorted sets. */
export async function finished(context: RunContext, stage: Stage): Promise<{ completed: number; failed: number }> {
  const [completed, failed] = await Promise.all([
    context.redis.zcard(queueKey(context.prefix, stage, 'completed')),
    context.redis.zcard(queueKey(context.prefix, stage, 'failed')),
  ]);
  return { completed, failed };
}

/** Documents searchable in the run's index (what a refresh has made visible). */
export async function searchable(context: RunContext): Promise<number> {
  const result = await context.es.count({ index: indexNames(context.prefix).readAlias }).catch(() => ({ count: 0 }));
  return result.count;
}

/** Failed jobs per stage: every URL ends indexed or in one of these. */
export async function failedByStage(context: RunContext): Promise<Record<Stage, number>> {
  const counts = await Promise.all(STAGES.map(async (stage) => (await finished(context, stage)).failed));
  return Object.fromEntries(STAGES.map((stage, i) => [stage, counts[i] ?? 0])) as Record<Stage, number>;
}

/** Reasons of failed jobs of one stage, counted by their code (the failedReason's first word). */
export async function failureReasons(context: RunContext, stage: Stage): Promise<Record<string, number>> {
  const ids = await context.redis.zrange(queueKey(context.prefix, stage, 'failed'), 0, -1);
  const reasons: Record<string, number> = {};
  for (let i = 0; i < ids.length; i += 500) {
    const pipeline = context.redis.pipeline();
    for (const id of ids.slice(i, i + 500)) pipeline.hget(queueKey(context.prefix, stage, id), 'failedReason');
    for (const [, reason] of (await pipeline.exec()) ?? []) {
      const code = String(reason ?? 'unknown').split(/[:\s]/)[0] || 'unknown';
      reasons[code] = (reasons[code] ?? 0) + 1;
    }
  }
  return reasons;
}

export interface ProgressSeries {
  /** [ms since start, done] */
  points: Array<[number, number]>;
  seconds: number;
  timedOut: boolean;
}

/**
 * Polls `done()` every `everyMs` until it reaches `total` (or stops moving for `stallMs`, or
 * `timeoutMs` passes), keeping the series for the steady-state rate.
 */
export async function track(
  done: () => Promise<number>,
  total: number,
  options: { everyMs?: number; stallMs?: number; timeoutMs?: number } = {},
): Promise<ProgressSeries> {
  const { everyMs = 500, stallMs = 60_000, timeoutMs = 3_600_000 } = options;
  const started = performance.now();
  const points: Array<[number, number]> = [];
  let lastChange = started;
  for (;;) {
    const now = performance.now();
    const value = await done();
    if (value !== points.at(-1)?.[1]) lastChange = now;
    points.push([now - started, value]);
    if (value >= total) return { points, seconds: (now - started) / 1000, timedOut: false };
    if (now - lastChange > stallMs || now - started > timeoutMs)
      return { points, seconds: (now - started) / 1000, timedOut: true };
    await sleep(everyMs);
  }
}
