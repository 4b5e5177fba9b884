import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { IndexJobSchema, StageError, isPermanent } from '@newsflow/contracts';
import type { IndexJob } from '@newsflow/contracts';
import type { Config, Logger } from '@newsflow/config';
import { createMetricsRecorder, createRedis, instrumentProcessor } from '@newsflow/runtime';
import { createCoalescedRedis } from './coalesced-metrics.ts';

export interface IndexWorker {
  worker: Worker;
  close(): Promise<void>;
}

/**
 * The index stage's BullMQ worker. Same contract as runStage in @newsflow/runtime (payload
 * validated at the boundary, permanent StageErrors fail once, every attempt counted in the shared
 * metrics), but the per-job metrics are coalesced into one Redis pipeline per second: at thousands
 * of jobs a second the per-job round trips were the indexer's main cost (see the benchmark).
 */
export function startIndexWorker(
  handler: (job: IndexJob) => Promise<void>,
  options: { config: Pick<Config, 'REDIS_URL' | 'NEWSFLOW_QUEUE_PREFIX'>; concurrency: number; log: Logger },
): IndexWorker {
  const { config, log } = options;
  const metricsConnection = createRedis(config, 'index-metrics');
  const coalesced = createCoalescedRedis(metricsConnection);
  const metrics = createMetricsRecorder(coalesced.facade, config.NEWSFLOW_QUEUE_PREFIX);
  const processor = async (job: Job): Promise<void> => {
    const parsed = IndexJobSchema.safeParse(job.data);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
      throw new UnrecoverableError(`invalid-payload: ${detail}`);
    }
    try {
      await handler(parsed.data);
    } catch (error) {
      throw error instanceof StageError && isPermanent(error.reason) ? new UnrecoverableError(error.message) : error;
    }
  };
  const workerConnection = createRedis(config, 'index-worker');
  const worker = new Worker('index', instrumentProcessor('index', processor, metrics), {
    connection: workerConnection,
    prefix: config.NEWSFLOW_QUEUE_PREFIX,
    concurrency: options.concurrency,
  });
  worker.on('error', (error) => log.error({ err: error }, 'worker error'));
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, attempts: job?.attemptsMade, reason: error.message }, 'job failed'));
  const close = async (): Promise<void> => {
    await worker.close();
    await coalesced.close();
    workerConnection.disconnect();
    metricsConnection.disconnect();
  };
  return { worker, close };
}
