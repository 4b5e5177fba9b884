import { slope } from '../measure/stats.ts';

/** One memory sample: seconds since the start, then bytes per series. */
export interface MemorySample {
  t: number;
  series: Record<string, number>;
}

/**
 * Least-squares slope of every series over the samples at or after `fromSeconds`, in MiB per hour.
 * The soak reports it twice: after the first minute (the whole fill) and over the last half, the
 * part that tells a level that has settled from one still climbing.
 */
export function slopesFrom(samples: readonly MemorySample[], fromSeconds: number): Record<string, number> {
  const kept = samples.filter((sample) => sample.t >= fromSeconds);
  const names = Object.keys(samples[0]?.series ?? {});
  return Object.fromEntries(
    names.map((name) => [name, (slope(kept.map((s) => [s.t, s.series[name] ?? 0])) * 3600) / 2 ** 20]),
  );
}
