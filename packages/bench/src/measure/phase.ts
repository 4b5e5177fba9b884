import { sampleProcs } from './proc-stats.ts';
import type { ProcUsage } from './proc-stats.ts';

/** The processes a phase charges CPU and memory to, beyond its own stage processes. */
export type ServicePids = Record<string, number>;

export interface PhaseUsage {
  seconds: number;
  usage: ProcUsage[];
}

/**
 * Runs `work` while sampling the given processes (and any it adds through `watch`), and returns
 * the wall time with each process's CPU seconds and peak RSS over exactly that span.
 */
export async function measured<T>(
  pids: ServicePids,
  work: (watch: (name: string, pid: number) => void) => Promise<T>,
): Promise<PhaseUsage & { result: T }> {
  const sampler = sampleProcs(pids);
  const started = performance.now();
  try {
    const result = await work(sampler.watch);
    return { result, seconds: (performance.now() - started) / 1000, usage: sampler.stop() };
  } catch (error) {
    sampler.stop();
    throw error;
  }
}

/** CPU milliseconds per item of the processes whose names start with `namePrefix` ('' = all). */
export function cpuMsPerItem(usage: readonly ProcUsage[], items: number, namePrefix = ''): number {
  const cpu = usage.filter((u) => u.name.startsWith(namePrefix)).reduce((sum, u) => sum + u.cpuSeconds, 0);
  return items > 0 ? (cpu * 1000) / items : Number.NaN;
}
