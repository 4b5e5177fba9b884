import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { IndexJob } from '@newsflow/contracts';
import type { Config, Logger } from '@newsflow/config';
import {
  createMetricsRecorder,
  createRedis,
  instrumentProcessor,
  lockOptions,
  validatedProcessor,
} from '@newsflow/runtime';
import { createCoalescedRedis } from './coalesced-metrics.ts';

export interface IndexWorker {
  workers: Worker[];
  /** Starts fetching jobs (only needed with autorun: false). */
  run(): void;
  waitUntilReady(): Promise<void>;
  /** Stops taking new jobs without waiting for the active ones (they wait for Elasticsearch). */
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
  close(): Promise<void>;
}

export interface IndexWorkerOptions {
  config: Pick<Config, 'REDIS_URL' | 'NEWSFLOW_QUEUE_PREFIX'> &
    Partial<Pick<Config, 'WORKER_LOCK_DURATION_MS' | 'WORKER_STALLED_INTERVAL_MS'>>;
  /** Jobs held at once, over all workers. */
  concurrency: number;
  /** BullMQ Worker instances sharing the concurrency: job fetching is latency-bound per worker. */
  workers: number;
  log: Logger;
  autorun?: boolean;
  /** Runs once a job has completed (moved to completed in Redis). */
  onCompleted?(data: IndexJob): void;
  /** Runs once an attempt of a job has failed. */
  onFailed?(data: IndexJob): void;
}

/**
 * The index stage's BullMQ workers. Same contract as runStage in @newsflow/runtime (payload
 * validated at the boundary, permanent StageErrors fail once, every attempt counted in the shared
 * metrics), but the per-job metrics are coalesced into one Redis pipeline per second: at thousands
 * of jobs a second the per-job round trips were the indexer's main cost (see the benchmark).
 */
export function startIndexWorker(handler: (job: IndexJob) => Promise<void>, options: IndexWorkerOptions): IndexWorker {
  const { config, log } = options;
  const metricsConnection = createRedis(config, 'index-metrics');
  const coalesced = createCoalescedRedis(metricsConnection);
  const instrumented = instrumentProcessor(
    'index',
    validatedProcessor('index', (payload) => handler(payload)),
    createMetricsRecorder(coalesced.facade, config.NEWSFLOW_QUEUE_PREFIX),
  );
  const count = Math.max(1, Math.min(options.workers, options.concurrency));
  const targets = Array.from(
    { length: count },
    (_, i) => Math.floor(options.concurrency / count) + (i < options.concurrency % count ? 1 : 0),
  );
  const connections = Array.from({ length: count }, (_, i) => createRedis(config, `index-worker-${i}`));
  const workers = connections.map((connection, i) => {
    const target = targets[i]!;
    // Slow start: a BullMQ worker fetches jobs until its concurrency is full before it processes
    // any, and an upsert job carries hundreds of documents (~10 ms to fetch each), so a full
    // concurrency would delay the first bulk request by all those fetches. Starting low and
    // raising the limit by one per job started interleaves fetching with processing.
    const processor = async (job: Job): Promise<void> => {
      if (worker.concurrency < target) worker.concurrency += 1;
      await instrumented(job);
    };
    const worker: Worker = new Worker('index', processor, {
      connection,
      prefix: config.NEWSFLOW_QUEUE_PREFIX,
      concurrency: Math.min(target, SLOW_START_JOBS),
      autorun: options.autorun ?? true,
      // Same lock and stalled-check settings as every other stage (runStage), for crash recovery.
      ...lockOptions(config),
    });
    worker.on('error', (error) => log.error({ err: error }, 'worker error'));
    const { onCompleted, onFailed } = options;
    if (onCompleted) worker.on('completed', (job: Job<IndexJob>) => onCompleted(job.data));
    if (onFailed) worker.on('failed', (job: Job<IndexJob> | undefined) => job && onFailed(job.data));
    worker.on('failed', (job, error) =>
      log.warn({ jobId: job?.id, attempts: job?.attemptsMade, reason: error.message }, 'job failed'),
    );
    return worker;
  });
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
      await coalesced.close();
      for (const connection of [...connections, metricsConnection]) connection.disconnect();
    },
  };
}

/** Jobs a worker fetches before it starts processing (see the slow start above). */
const SLOW_START_JOBS = 2;
