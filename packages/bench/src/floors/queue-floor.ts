import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { clearPrefix, stopProcesses, uniquePrefix } from '@newsflow/testkit';
import { measured } from '../measure/phase.ts';
import type { PhaseUsage, ServicePids } from '../measure/phase.ts';
import { track } from '../stages/progress.ts';

const HOPS = ['q-fetch', 'q-clean', 'q-dedupe', 'q-index'];
const WORKER = join(import.meta.dirname, 'queue-floor-worker.ts');

export interface QueueFloorResult extends PhaseUsage {
  jobs: number;
  jobsPerSecond: number;
}

/**
 * The queue floor: `jobs` empty jobs moved through four queues by four worker processes, each
 * adding its successor as a stage does; what BullMQ and Redis cost per page before any work.
 */
async function allWorkersUp(redis: Redis, prefix: string): Promise<void> {
  const queues = HOPS.map((hop) => new Queue(hop, { connection: redis, prefix }));
  const deadline = Date.now() + 60_000;
  try {
    while ((await Promise.all(queues.map((q) => q.getWorkersCount()))).some((n) => n < 1)) {
      if (Date.now() > deadline) throw new Error('queue floor: workers did not start within 60 s');
      await sleep(50);
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

export async function queueFloor(
  redisUrl: string,
  jobs: number,
  concurrency: number,
  pids: ServicePids,
): Promise<QueueFloorResult> {
  const prefix = uniquePrefix('bench-qfloor');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const first = new Queue(HOPS[0] as string, { connection: redis, prefix });
  try {
    const children = HOPS.map((hop, i) =>
      spawn(process.execPath, [WORKER, hop, HOPS[i + 1] ?? '-', prefix, String(concurrency)], {
        env: { ...process.env, REDIS_URL: redisUrl },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    const workers = Object.fromEntries(children.map((child, i) => [`queue-worker#${i + 1}`, child.pid ?? 0]));
    const phase = await (async () => {
      await allWorkersUp(redis, prefix);
      return measured({ ...pids, ...workers }, async () => {
        const batch = Array.from({ length: jobs }, (_, i) => ({
          name: HOPS[0] as string,
          data: {},
          opts: { jobId: `j${i}`, removeOnComplete: { count: 200_000 } },
        }));
        const started = performance.now();
        for (let i = 0; i < batch.length; i += 1000) await first.addBulk(batch.slice(i, i + 1000));
        await track(() => redis.zcard(`${prefix}:${HOPS.at(-1)}:completed`), jobs, { everyMs: 200 });
        return jobs / ((performance.now() - started) / 1000);
      });
    })().finally(() => stopProcesses(children));
    return { jobs, jobsPerSecond: phase.result, seconds: phase.seconds, usage: phase.usage };
  } finally {
    await first.close();
    await clearPrefix(redis, prefix);
    redis.disconnect();
  }
}
