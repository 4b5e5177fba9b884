import type { Client } from '@newsflow/search';
import { readProc } from '../measure/proc-stats.ts';
import type { ServicePids } from '../measure/phase.ts';
import { redisUsedMemory } from '../measure/service-pids.ts';
import { slopesFrom } from './soak-slopes.ts';
import type { MemorySample } from './soak-slopes.ts';
import { runLatency } from './latency-run.ts';
import type { LatencyRunResult } from './latency-run.ts';
import type { BenchSettings } from './run-context.ts';

export type { MemorySample } from './soak-slopes.ts';

export interface SoakResult {
  minutes: number;
  ratePerSecond: number;
  samples: MemorySample[];
  /** least-squares slope of each series after the first minute, MiB per hour */
  slopeMiBPerHour: Record<string, number>;
  /** the same over the last half of the soak, once the fill of the first half is behind */
  lastHalfSlopeMiBPerHour: Record<string, number>;
  run: LatencyRunResult;
}

export const SOAK_SAMPLE_MS = 10_000;

/**
 * The soak: the pipeline at a steady open-loop rate for `minutes`, with every stage's RSS, Redis's
 * used_memory and Elasticsearch's RSS and JVM heap sampled every 10 s. Memory is flat when the
 * slopes are near zero once the first minute (warm-up, caches filling) is left out.
 */
export async function runSoak(
  settings: BenchSettings,
  urls: readonly string[],
  pids: ServicePids,
  options: { minutes: number; ratePerSecond: number; es: Client },
): Promise<SoakResult> {
  const samples: MemorySample[] = [];
  let nextSample = 0;
  const run = await runLatency(settings, urls, pids, {
    ratePerSecond: options.ratePerSecond,
    seconds: options.minutes * 60,
    warmupSeconds: 30,
    onTick: async (elapsed, processes, context) => {
      if (elapsed < nextSample) return;
      nextSample += SOAK_SAMPLE_MS;
      const series: Record<string, number> = {};
      for (const p of processes) series[p.name] = readProc(p.child.pid ?? 0)?.rssBytes ?? 0;
      series['redis used_memory'] = await redisUsedMemory(context.redis);
      if (pids.elasticsearch) series['elasticsearch rss'] = readProc(pids.elasticsearch)?.rssBytes ?? 0;
      series['elasticsearch heap'] = await esHeap(options.es);
      samples.push({ t: elapsed / 1000, series });
    },
  });
  const slopeMiBPerHour = slopesFrom(samples, 60);
  const lastHalfSlopeMiBPerHour = slopesFrom(samples, options.minutes * 30);
  const { minutes, ratePerSecond } = options;
  return { minutes, ratePerSecond, samples, slopeMiBPerHour, lastHalfSlopeMiBPerHour, run };
}

async function esHeap(es: Client): Promise<number> {
  const stats = await es.nodes.stats({ metric: 'jvm' }).catch(() => undefined);
  return Object.values(stats?.nodes ?? {})[0]?.jvm?.mem?.heap_used_in_bytes ?? 0;
}
