import { DelayedError, UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import { JOBS, RetryLater, STAGES, StageError, isPermanent } from '@newsflow/contracts';
import type { JobName, QueueName, SkipReason } from '@newsflow/contracts';
import type { Logger } from '@newsflow/config';
import type { HandlerContext, NextJobs, StageDefinition, StageResult } from './stage-definition.ts';
import { asRedisFailure } from './redis-errors.ts';
import { issuesOf } from './stage-outputs.ts';

/** What the metrics hook learns from one successful attempt. */
export interface StageOutcome {
  skipped?: SkipReason;
}

type AnyHandler = (payload: unknown, context: HandlerContext) => Promise<StageResult<QueueName>>;

/**
 * The boundary every stage shares: find the handler for the job's name, validate the payload (an
 * invalid one fails once with invalid-payload), run it, hand its outputs on, park a job that asked
 * to retry later, and turn permanent StageErrors into UnrecoverableErrors (fail once); anything
 * else is retried with backoff.
 */
export function stageProcessor<Q extends QueueName>(
  definition: StageDefinition<Q>,
  write: (next: NextJobs<Q>) => Promise<void>,
  log: Logger,
  maxStalls = DEFAULT_MAX_STALLS,
): (job: Job) => Promise<StageOutcome> {
  const consumed: readonly string[] = STAGES[definition.queue].consumes;
  const handlers = definition.handlers as unknown as Record<string, AnyHandler>;
  return async (job) => {
    if (!consumed.includes(job.name))
      throw new UnrecoverableError(`invalid-payload: no job named ${job.name} on the ${definition.queue} queue`);
    if (job.stalledCounter > maxStalls)
      throw new UnrecoverableError(
        `worker-lost: its worker died or froze past its lock ${job.stalledCounter} times (WORKER_MAX_STALLS ${maxStalls})`,
      );
    const payload = parsePayload(job.name as JobName, job.data);
    const context = handlerContext(job, log);
    try {
      const result = await handlers[job.name]!(payload, context);
      if ('skipped' in result) return { skipped: result.skipped };
      await write(result.next as NextJobs<Q>);
      await result.onHandedOn?.();
      return {};
    } catch (error) {
      if (error instanceof RetryLater) return park(job, error.until);
      throw classify(error);
    }
  };
}

/** BullMQ's own default for maxStalledCount, which the worker pool hands over to this check. */
const DEFAULT_MAX_STALLS = 1;

export function maxStallsOf(config: { WORKER_MAX_STALLS?: number }): number {
  return config.WORKER_MAX_STALLS ?? DEFAULT_MAX_STALLS;
}

/** The job's logger child is made only if the handler logs: the indexer's handler never does. */
function handlerContext(job: Job, log: Logger): HandlerContext {
  let child: Logger | undefined;
  return {
    jobId: String(job.id),
    createdAt: job.timestamp,
    get log() {
      return (child ??= log.child({ jobId: job.id }));
    },
    jobLog: async (line) => void (await job.log(line)),
  };
}

function parsePayload(name: JobName, data: unknown): unknown {
  const parsed = JOBS[name].schema.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`invalid-payload: ${issuesOf(parsed.error.issues)}`);
  return parsed.data;
}

/**
 * Parks the job in BullMQ's delayed set until `until`, freeing the worker slot; DelayedError tells
 * BullMQ this is neither a success nor a failed attempt.
 */
async function park(job: Job, until: number): Promise<never> {
  await job.moveToDelayed(until, job.token);
  throw new DelayedError();
}

/**
 * Permanent failures fail once (UnrecoverableError); anything else is retried with backoff. A Redis
 * outage or failover met by the handler or its outputs gets its own reason (redis-unavailable).
 */
function classify(thrown: unknown): unknown {
  const error = asRedisFailure(thrown);
  if (error instanceof StageError && isPermanent(error.reason)) return new UnrecoverableError(error.message);
  return error;
}
