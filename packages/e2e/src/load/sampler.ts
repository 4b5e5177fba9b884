// What an overload run watches every few seconds: the depth of each stage queue (waiting, delayed,
// prioritized, active), Redis INFO used_memory, and the resident memory of every process of the run,
// read from /proc. The maxima are what the run reports against its bounds.
import { readFileSync } from 'node:fs';
import { QUEUE_NAMES } from '@newsflow/contracts';
import type { QueueName } from '@newsflow/contracts';
import type { RedisClient, StageQueues } from '@newsflow/runtime';

export interface Sample {
  atS: number;
  depth: Record<QueueName, number>;
  redisMb: number;
  /** MB by process name ("fetcher#0", "api", …) */
  rssMb: Record<string, number>;
}

export interface SampleSources {
  redis: RedisClient;
  queues: StageQueues;
  processes(): Array<{ name: string; pid: number }>;
}

const MB = 1024 * 1024;

/** VmRSS of a live process in MB; 0 once it has gone (a restarted slot is read at its new pid). */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) / 1024;
  } catch {
    return 0;
  }
}

export async function usedMemoryMb(redis: RedisClient): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / MB;
}

async function queueDepths(queues: StageQueues): Promise<Record<QueueName, number>> {
  const depths = await Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const counts = await queues[name].getJobCounts('waiting', 'delayed', 'prioritized', 'active');
      return Object.values(counts).reduce((sum, count) => sum + count, 0);
    }),
  );
  return Object.fromEntries(QUEUE_NAMES.map((name, i) => [name, depths[i]!])) as Record<QueueName, number>;
}

export async function takeSample(sources: SampleSources, startedAt: number): Promise<Sample> {
  const [depth, redisMb] = await Promise.all([queueDepths(sources.queues), usedMemoryMb(sources.redis)]);
  const rss = sources.processes().map(({ name, pid }) => [name, rssMb(pid)] as const);
  return { atS: (Date.now() - startedAt) / 1000, depth, redisMb, rssMb: Object.fromEntries(rss) };
}

/** The largest value of each key over the samples. */
function maxima(records: ReadonlyArray<Record<string, number>>): Record<string, number> {
  const top: Record<string, number> = {};
  for (const record of records)
    for (const [key, value] of Object.entries(record)) top[key] = Math.max(top[key] ?? 0, value);
  return top;
}

export interface SampleMaxima {
  redisMb: number;
  depth: Record<string, number>;
  rssMb: Record<string, number>;
}

export function sampleMaxima(samples: readonly Sample[]): SampleMaxima {
  return {
    redisMb: Math.max(0, ...samples.map((sample) => sample.redisMb)),
    depth: maxima(samples.map((sample) => sample.depth)),
    rssMb: maxima(samples.map((sample) => sample.rssMb)),
  };
}

/** One line a person can follow while the run goes. */
export function sampleLine(sample: Sample): string {
  const depth = QUEUE_NAMES.map((name) => `${name} ${sample.depth[name]}`).join(', ');
  const rss = Math.max(0, ...Object.values(sample.rssMb));
  return `queues ${depth}; Redis ${sample.redisMb.toFixed(1)} MB; largest RSS ${rss.toFixed(0)} MB`;
}
