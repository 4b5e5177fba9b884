import { hostname } from 'node:os';
import type { Job, Worker } from 'bullmq';
import type { JobPayload, QueueName } from '@newsflow/contracts';
import type { Config, Logger } from '@newsflow/config';
import { createRedisClient } from './connection.ts';
import type { RedisConfig } from './connection.ts';
import { closeQueues, createQueues } from './queues.ts';
import type { StageQueues } from './queues.ts';
import { instrumentProcessor } from './metrics-hook.ts';
import { createCoalescedMetrics } from './metrics-recorder.ts';
import type { MetricsRecorder } from './metrics-recorder.ts';
import { checkStages } from './stage-definition.ts';
import type { OutputWriters, StageDefinition } from './stage-definition.ts';
import { createOutputWriter } from './stage-outputs.ts';
import { maxStallsOf, stageProcessor } from './stage-processor.ts';
import { startWorkerPool } from './worker-pool.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface RunningStage extends WorkerPool {
  /** The first worker (most stages run one). */
  worker: Worker;
  queues: StageQueues;
  /** Writes the job counters summed so far (the stage's own recorder; close() does it too). */
  flushMetrics(): Promise<void>;
}

export interface StageOptions<Q extends QueueName = QueueName> {
  config: RedisConfig &
    Pick<Config, 'NEWSFLOW_QUEUE_PREFIX'> &
    Partial<Pick<Config, 'WORKER_LOCK_DURATION_MS' | 'WORKER_STALLED_INTERVAL_MS' | 'WORKER_MAX_STALLS'>>;
  /** Jobs held at once, over all workers. */
  concurrency: number;
  log: Logger;
  /** Writers for outputs that are not plain jobs (documents to upsert). */
  writers?: OutputWriters;
  /** For stages that batch across jobs (the indexer): see worker-pool.ts. */
  batching?: { workers: number; slowStart: boolean };
  /**
   * Where job outcomes are counted; by default a coalesced recorder on the stage's connection
   * (sums in memory, one pipeline a second, flushed on close): one pipeline of ~7 commands per job
   * per stage was most of the metrics' Redis traffic. A stage that records counters of its own
   * (the indexer's bulk counters) gives its own coalesced recorder and closes it after the stage.
   */
  metrics?: MetricsRecorder;
  /** False to start fetching jobs only on run(). */
  autorun?: boolean;
  /** Runs once a job has completed (moved to completed in Redis). */
  onCompleted?(data: JobPayload[Q]): void;
  /** Runs once an attempt of a job has failed. */
  onFailed?(data: JobPayload[Q]): void;
}

/**
 * Runs a stage from its row in the stage table: checks the handlers against the table, then
 * validates each payload, calls the handler, hands its outputs on, counts skips, classifies failures.
 */
export function runStage<Q extends QueueName>(definition: StageDefinition<Q>, options: StageOptions<Q>): RunningStage {
  const { config, log } = options;
  const stage = definition.queue;
  checkStages([definition as unknown as StageDefinition<QueueName>], options.writers ?? {});
  const queueConnection = createRedisClient(config, `${stage}-queues`);
  const queues = createQueues(queueConnection, config.NEWSFLOW_QUEUE_PREFIX);
  const write = createOutputWriter(stage, queues, options.writers ?? {});
  // Counters and durations go to Redis so the API can serve one /metrics for all worker processes.
  const own = options.metrics ? undefined : createCoalescedMetrics(queueConnection, config.NEWSFLOW_QUEUE_PREFIX);
  const metrics = options.metrics ?? own!.recorder;
  const processor = instrumentProcessor(stage, stageProcessor(definition, write, log, maxStallsOf(config)), metrics);
  const pool = startWorkerPool(stage, processor, {
    ...options,
    workers: options.batching?.workers ?? 1,
    slowStart: options.batching?.slowStart ?? false,
    name: `${stage}@${hostname()}:${process.pid}`,
  });
  for (const worker of pool.workers) watch(worker, options);
  const close = async (): Promise<void> => {
    await pool.close();
    await own?.close();
    await closeQueues(queues);
    queueConnection.disconnect();
  };
  const flushMetrics = async (): Promise<void> => own?.flush();
  return { ...pool, worker: pool.workers[0]!, queues, close, flushMetrics };
}

function watch<Q extends QueueName>(worker: Worker, options: StageOptions<Q>): void {
  const { log, onCompleted, onFailed } = options;
  worker.on('error', (error) => log.error({ err: error }, 'worker error'));
  if (onCompleted) worker.on('completed', (job: Job<JobPayload[Q]>) => onCompleted(job.data));
  if (onFailed) worker.on('failed', (job: Job<JobPayload[Q]> | undefined) => job && onFailed(job.data));
  worker.on('failed', (job, error) =>
    log.warn({ jobId: job?.id, attempts: job?.attemptsMade, reason: error.message }, 'job failed'),
  );
}
