import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Config } from '@newsflow/config';
import { createRedisClient } from './connection.ts';
import type { RedisConfig } from './connection.ts';
import { queuePrefix } from './queue-prefix.ts';

export interface WorkerPool {
  workers: Worker[];
  /** Starts fetching jobs (only needed with autorun: false). */
  run(): void;
  waitUntilReady(): Promise<void>;
  /** Stops taking new jobs without waiting for the active ones (a batching stage's wait on them). */
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
  close(): Promise<void>;
}

export interface PoolOptions {
  config: RedisConfig &
    Pick<Config, 'NEWSFLOW_QUEUE_PREFIX'> &
    Partial<Pick<Config, 'WORKER_LOCK_DURATION_MS' | 'WORKER_STALLED_INTERVAL_MS' | 'WORKER_MAX_STALLS'>>;
  /** Jobs held at once, over all workers. */
  concurrency: number;
  /** BullMQ Worker instances sharing the concurrency: job fetching is latency-bound per worker. */
  workers: number;
  /**
   * A BullMQ worker fetches jobs until its concurrency is full before it processes any. When a job
   * carries hundreds of documents (~10 ms to fetch each), a full concurrency delays the first bulk
   * request by all those fetches: starting at two and raising the limit by one per job started
   * interleaves fetching with processing.
   */
  slowStart: boolean;
  /** Recorded on each job as processedBy: which process on which machine ran it. */
  name: string;
  autorun?: boolean;
}

/** Jobs a worker fetches before it starts processing (see slowStart). */
const SLOW_START_JOBS = 2;

/** The BullMQ workers of one stage, each on a connection of its own (BullMQ never closes one it is handed). */
export function startWorkerPool(
  queue: string,
  processor: (job: Job) => Promise<unknown>,
  options: PoolOptions,
): WorkerPool {
  const count = Math.max(1, Math.min(options.workers, options.concurrency));
  const connections = Array.from({ length: count }, (_, i) =>
    createRedisClient(options.config, `${queue}-worker-${i}`),
  );
  const workers = connections.map((connection, i) => {
    const target = shareOf(options.concurrency, count, i);
    const run = async (job: Job): Promise<unknown> => {
      if (worker.concurrency < target) worker.concurrency += 1;
      return processor(job);
    };
    const worker: Worker = new Worker(queue, options.slowStart ? run : processor, {
      connection,
      prefix: queuePrefix(options.config.NEWSFLOW_QUEUE_PREFIX, queue),
      concurrency: options.slowStart ? Math.min(target, SLOW_START_JOBS) : target,
      autorun: options.autorun ?? true,
      name: options.name,
      ...lockOptions(options.config),
    });
    return worker;
  });
  return poolControls(workers, async () => {
    for (const connection of connections) connection.disconnect();
  });
}

/** Worker i's part of the concurrency: an even split, the remainder to the first ones. */
function shareOf(concurrency: number, count: number, i: number): number {
  return Math.floor(concurrency / count) + (i < concurrency % count ? 1 : 0);
}

function poolControls(workers: Worker[], disconnect: () => Promise<void>): WorkerPool {
  let paused = false;
  return {
    workers,
    run: () => {
      for (const worker of workers) if (!worker.isRunning()) void worker.run();
    },
    waitUntilReady: async () => {
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    },
    pause: () => {
      paused = true;
      for (const worker of workers) void worker.pause(true);
    },
    resume: () => {
      paused = false;
      for (const worker of workers) void worker.resume();
    },
    get isPaused() {
      return paused;
    },
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await disconnect();
    },
  };
}

/**
 * BullMQ never fails a stalled job itself: past its maxStalledCount it would fail it with a message
 * of its own ("job stalled more than allowable limit"), which carries no reason code. The stage
 * processor fails it instead, as worker-lost, past WORKER_MAX_STALLS (stage-processor.ts).
 */
const BULLMQ_NEVER_FAILS_STALLED = Number.MAX_SAFE_INTEGER;

interface LockOptions {
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount: number;
}

/** Only settings that are given: BullMQ merges options with Object.assign, so an undefined would erase its default. */
export function lockOptions(config: PoolOptions['config']): LockOptions {
  const options: LockOptions = { maxStalledCount: BULLMQ_NEVER_FAILS_STALLED };
  if (config.WORKER_LOCK_DURATION_MS !== undefined) options.lockDuration = config.WORKER_LOCK_DURATION_MS;
  if (config.WORKER_STALLED_INTERVAL_MS !== undefined) options.stalledInterval = config.WORKER_STALLED_INTERVAL_MS;
  return options;
}
