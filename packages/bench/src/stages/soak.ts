import type { Client } from '@newsflow/search';
import { readProc } from '../measure/proc-stats.ts';
import type { ServicePids } from '../measure/phase.ts';
import { redisUsedMemory } from '../measure/service-pids.ts';
import { slope } from '../measure/stats.ts';
import { runLatency } from './latency-run.ts';
import type { LatencyRunResult } from './latency-run.ts';
import type { BenchSettings } from './run-context.ts';

/** One memory sample: seconds since the start, then bytes per series. */
export interface MemorySample {
  t: number;
  series: Record<string, number>;
}

export interface SoakResult {
  minutes: number;
  ratePerSecond: number;
  samples: MemorySample[];
  /** least-squares slope of each series, MiB per hour */
  slopeMiBPerHour: Record<string, number>;
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
  const settled = samples.filter((sample) => sample.t >= 60);
  const names = Object.keys(samples[0]?.series ?? {});
  const slopeMiBPerHour = Object.fromEntries(
    names.map((name) => [name, (slope(settled.map((s) => [s.t, s.series[name] ?? 0])) * 3600) / 2 ** 20]),
  );
  return { minutes: options.minutes, ratePerSecond: options.ratePerSecond, samples, slopeMiBPerHour, run };
}

async function esHeap(es: Client): Promise<number> {
  const stats = await es.nodes.stats({ metric: 'jvm' }).catch(() => undefined);
  return Object.values(stats?.nodes ?? {})[0]?.jvm?.mem?.heap_used_in_bytes ?? 0;
}
