import { hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { JOB_SCHEMAS, StageError, isPermanent } from '@newsflow/contracts';
import type { JobPayload, QueueName } from '@newsflow/contracts';
import type { Config, Logger } from '@newsflow/config';
import { createRedis } from './connection.ts';
import { closeQueues, createQueues } from './queues.ts';
import type { StageQueues } from './queues.ts';
import { instrumentProcessor } from './metrics-hook.ts';
import { createMetricsRecorder } from './metrics-recorder.ts';

export interface StageContext {
  job: Job;
  log: Logger;
  /** Queues of every stage, for the handler to hand its output on. */
  queues: StageQueues;
}

export type StageHandler<Q extends QueueName> = (payload: JobPayload[Q], context: StageContext) => Promise<void>;

export interface RunningStage {
  worker: Worker;
  queues: StageQueues;
  close(): Promise<void>;
}

export interface StageOptions {
  config: Pick<Config, 'REDIS_URL' | 'NEWSFLOW_QUEUE_PREFIX'> &
    Partial<Pick<Config, 'WORKER_LOCK_DURATION_MS' | 'WORKER_STALLED_INTERVAL_MS'>>;
  concurrency: number;
  log: Logger;
}

/** Runs a stage: validate the payload at the boundary, call the pure-ish handler, classify failures. */
export function runStage<Q extends QueueName>(stage: Q, handler: StageHandler<Q>, options: StageOptions): RunningStage {
  const { config, log } = options;
  const queueConnection = createRedis(config, `${stage}-queues`);
  const queues = createQueues(queueConnection, config.NEWSFLOW_QUEUE_PREFIX);
  const processor = validatedProcessor(stage, (payload, job) =>
    handler(payload, { job, log: log.child({ jobId: job.id }), queues }),
  );
  // Counters and durations go to Redis so the API can serve one /metrics for all worker processes.
  const metrics = createMetricsRecorder(queueConnection, config.NEWSFLOW_QUEUE_PREFIX);
  // BullMQ never closes a connection it is handed, so close() below disconnects it itself.
  const workerConnection = createRedis(config, `${stage}-worker`);
  const worker = new Worker(stage, instrumentProcessor(stage, processor, metrics), {
    connection: workerConnection,
    prefix: config.NEWSFLOW_QUEUE_PREFIX,
    concurrency: options.concurrency,
    // Recorded on each job as processedBy: which process on which machine ran it.
    name: `${stage}@${hostname()}:${process.pid}`,
    ...lockOptions(config),
  });
  worker.on('error', (error) => log.error({ err: error }, 'worker error'));
  worker.on('failed', (job, error) =>
    log.warn({ jobId: job?.id, attempts: job?.attemptsMade, reason: error.message }, 'job failed'),
  );
  const close = async (): Promise<void> => {
    await worker.close();
    await closeQueues(queues);
    queueConnection.disconnect();
    workerConnection.disconnect();
  };
  return { worker, queues, close };
}

/**
 * The boundary every stage shares: validate the payload (an invalid one fails once with
 * invalid-payload), run, and turn permanent StageErrors into UnrecoverableErrors (fail once);
 * anything else is retried with backoff.
 */
export function validatedProcessor<Q extends QueueName>(
  stage: Q,
  run: (payload: JobPayload[Q], job: Job) => Promise<void>,
): (job: Job) => Promise<void> {
  return async (job) => {
    const payload = parsePayload(stage, job.data);
    try {
      await run(payload, job);
    } catch (error) {
      throw classify(error);
    }
  };
}

/** Only settings that are given: BullMQ merges options with Object.assign, so an undefined would erase its default. */
export function lockOptions(config: StageOptions['config']): { lockDuration?: number; stalledInterval?: number } {
  const options: { lockDuration?: number; stalledInterval?: number } = {};
  if (config.WORKER_LOCK_DURATION_MS !== undefined) options.lockDuration = config.WORKER_LOCK_DURATION_MS;
  if (config.WORKER_STALLED_INTERVAL_MS !== undefined) options.stalledInterval = config.WORKER_STALLED_INTERVAL_MS;
  return options;
}

function parsePayload<Q extends QueueName>(stage: Q, data: unknown): JobPayload[Q] {
  const parsed = JOB_SCHEMAS[stage].safeParse(data);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new UnrecoverableError(`invalid-payload: ${detail}`);
  }
  return parsed.data as JobPayload[Q];
}

/** Permanent failures fail once (UnrecoverableError); anything else is retried with backoff. */
function classify(error: unknown): unknown {
  if (error instanceof StageError && isPermanent(error.reason)) return new UnrecoverableError(error.message);
  return error;
}
