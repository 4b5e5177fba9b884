import type { RedisClient } from '@newsflow/runtime';
import type { Client } from '@newsflow/search';

/** CPU time spent by each side of an indexing run, in milliseconds. */
export interface CpuSpent {
  node: number;
  redis: number;
  elasticsearch: number;
}

/**
 * Reads the CPU time of this process, RedisClient (INFO cpu) and Elasticsearch (node stats) through
 * their own APIs, so it works for native, container and remote services alike. On a machine
 * where all three share the cores, this is what explains a throughput difference.
 */
export interface CpuMeter {
  /** Starts counting; the returned function gives the CPU spent since. */
  start(): Promise<() => Promise<CpuSpent>>;
}

export function createCpuMeter(es: Client, redis: RedisClient): CpuMeter {
  const snapshot = async (): Promise<CpuSpent> => {
    const [stats, info] = await Promise.all([es.nodes.stats({ metric: 'process' }), redis.info('cpu')]);
    const elasticsearch = Object.values(stats.nodes).reduce(
      (sum, node) => sum + (node.process?.cpu?.total_in_millis ?? 0),
      0,
    );
    const seconds = (name: string): number => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    const usage = process.cpuUsage();
    return {
      node: (usage.user + usage.system) / 1000,
      redis: (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000,
      elasticsearch,
    };
  };
  return {
    start: async () => {
      const before = await snapshot();
      return async () => {
        const after = await snapshot();
        return {
          node: after.node - before.node,
          redis: after.redis - before.redis,
          elasticsearch: after.elasticsearch - before.elasticsearch,
        };
      };
    },
  };
}

/** Runs `work` over `count` documents: its rate in documents per second, and the CPU each side spent. */
export async function timeRun(
  meter: CpuMeter,
  count: number,
  work: () => Promise<void>,
): Promise<{ rate: number; cpu: CpuSpent }> {
  const cpuSpent = await meter.start();
  const started = performance.now();
  await work();
  const rate = count / ((performance.now() - started) / 1000);
  return { rate, cpu: await cpuSpent() };
}

/** "node 12 / redis 3 / es 140 µs per doc" */
export function formatCpuPerDoc(cpu: CpuSpent, docs: number): string {
  const per = (ms: number): string => ((ms * 1000) / docs).toFixed(0);
  return `CPU per doc: node ${per(cpu.node)} µs, redis ${per(cpu.redis)} µs, es ${per(cpu.elasticsearch)} µs`;
}
