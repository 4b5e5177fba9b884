import { STAGES } from '@newsflow/contracts';
import type {
  ConsumedBy,
  EmittedBy,
  JobData,
  OutputData,
  OutputName,
  QueueName,
  SkipReason,
} from '@newsflow/contracts';
import type { Logger } from '@newsflow/config';

/** What a handler knows about the job it runs, beyond its payload. */
export interface HandlerContext {
  jobId: string;
  /** When the job was created (epoch ms): the same on every attempt, so usable in output ids. */
  createdAt: number;
  log: Logger;
  /** Adds a line to the job's own log (shown in the dashboard beside the job). */
  jobLog(line: string): Promise<void>;
}

/** Outputs by name (a job name, or `upsert` for documents to index), each a list of payloads. */
export type NextJobs<Q extends QueueName> = { [N in EmittedBy<Q>]?: Array<OutputData<N>> };

/**
 * A handler's answer, as plain data: what it hands on, or why it hands nothing on. Failures are
 * thrown (a StageError with its reason; RetryLater to be parked until later). `onHandedOn` runs
 * once the outputs are in their queues, for cleanups that must not come first (deleting the raw
 * page they were made from, saving a feed's validators).
 */
export type StageResult<Q extends QueueName> =
  { next: NextJobs<Q>; onHandedOn?: () => Promise<void> } | { skipped: SkipReason };

export type JobHandler<Q extends QueueName, N extends ConsumedBy<Q>> = (
  payload: JobData<N>,
  context: HandlerContext,
) => Promise<StageResult<Q>>;

/** One handler per job name the stage's queue carries. */
export type StageHandlers<Q extends QueueName> = { [N in ConsumedBy<Q>]: JobHandler<Q, N> };

export interface StageDefinition<Q extends QueueName> {
  queue: Q;
  handlers: StageHandlers<Q>;
}

/** Writes outputs that no plain job add can: documents gathered into upsert jobs by the dedupe outbox. */
export type OutputWriters = { upsert?: (documents: Array<OutputData<'upsert'>>) => Promise<void> };

export function defineStage<Q extends QueueName>(queue: Q, handlers: StageHandlers<Q>): StageDefinition<Q> {
  return { queue, handlers };
}

/**
 * Refuses to start a process whose stages do not match the stage table: a queue run twice, a job
 * name with no handler, a handler for a job name the queue does not carry, or an output that needs
 * a writer nobody gave. Each would otherwise show up only as jobs failing, or waiting forever.
 */
export function checkStages(definitions: ReadonlyArray<StageDefinition<QueueName>>, writers: OutputWriters): void {
  const problems: string[] = [];
  const seen = new Set<QueueName>();
  for (const { queue, handlers } of definitions) {
    if (seen.has(queue)) problems.push(`queue ${queue} has two handlers in this process`);
    seen.add(queue);
    const consumed: readonly string[] = STAGES[queue].consumes;
    for (const name of consumed)
      if (typeof (handlers as Record<string, unknown>)[name] !== 'function')
        problems.push(`job ${name} of queue ${queue} has no handler`);
    for (const name of Object.keys(handlers))
      if (!consumed.includes(name)) problems.push(`queue ${queue} carries no job named ${name}`);
    for (const output of STAGES[queue].emits as readonly OutputName[])
      if (needsWriter(output) && !writers[output]) problems.push(`${queue} emits ${output} but no writer was given`);
  }
  if (problems.length > 0) throw new Error(`stage setup refused: ${problems.join('; ')}`);
}

/** Outputs that are not job names of their own need a writer of the process's choosing. */
export function needsWriter(output: OutputName): output is keyof OutputWriters {
  return output === 'upsert';
}
