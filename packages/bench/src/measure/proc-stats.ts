import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU in ticks of 1/100 s on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

export interface ProcReading {
  cpuSeconds: number;
  rssBytes: number;
}

/** CPU (user + system) and resident memory of one process, from /proc; undefined once it is gone. */
export function readProc(pid: number): ProcReading | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces: the numbers start after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { cpuSeconds: ticks / TICKS_PER_SECOND, rssBytes: rssKiB * 1024 };
  } catch {
    return undefined;
  }
}

/** What one process spent during a measured phase. */
export interface ProcUsage {
  name: string;
  pid: number;
  cpuSeconds: number;
  peakRssBytes: number;
}

export interface ProcSampler {
  /** adds a process to watch from now on (a stage started mid-phase) */
  watch(name: string, pid: number): void;
  /** stops sampling: CPU spent and peak RSS of each process since it was watched */
  stop(): ProcUsage[];
}

/** Samples every watched process every `intervalMs` (RSS peaks) and diffs CPU from first to last reading. */
export function sampleProcs(watched: Record<string, number>, intervalMs = 500): ProcSampler {
  const state = new Map<string, { pid: number; first: number; last: number; peak: number }>();
  const watch = (name: string, pid: number): void => {
    const reading = readProc(pid);
    state.set(name, {
      pid,
      first: reading?.cpuSeconds ?? 0,
      last: reading?.cpuSeconds ?? 0,
      peak: reading?.rssBytes ?? 0,
    });
  };
  const tick = (): void => {
    for (const entry of state.values()) {
      const reading = readProc(entry.pid);
      if (!reading) continue;
      entry.last = reading.cpuSeconds;
      entry.peak = Math.max(entry.peak, reading.rssBytes);
    }
  };
  for (const [name, pid] of Object.entries(watched)) watch(name, pid);
  const timer = setInterval(tick, intervalMs);
  return {
    watch,
    stop: () => {
      clearInterval(timer);
      tick();
      return [...state].map(([name, e]) => ({ name, pid: e.pid, cpuSeconds: e.last - e.first, peakRssBytes: e.peak }));
    },
  };
}
