import type { Queue } from 'bullmq';
import { JOBS, OUTPUTS, STAGES, StageError, jobIds } from '@newsflow/contracts';
import type { JobName, OutputName, QueueName } from '@newsflow/contracts';
import type { StageQueues } from './queues.ts';
import { needsWriter } from './stage-definition.ts';
import type { NextJobs, OutputWriters } from './stage-definition.ts';

/** BullMQ adds this many jobs per round trip; a sitemap can hold 50,000 URLs. */
const ADD_BULK = 500;

/**
 * Hands a handler's outputs on: each must be one the stage table lets this stage emit and must
 * pass its schema (else the job fails once as invalid-output: the bug is in the stage, not the
 * input), then it is added under its id from jobIds, so handing it on twice adds nothing.
 */
export function createOutputWriter<Q extends QueueName>(
  queue: Q,
  queues: StageQueues,
  writers: OutputWriters,
): (next: NextJobs<Q>) => Promise<void> {
  const allowed: readonly string[] = STAGES[queue].emits;
  return async (next) => {
    for (const [name, items] of Object.entries(next) as Array<[OutputName, unknown[] | undefined]>) {
      if (!items || items.length === 0) continue;
      if (!allowed.includes(name)) throw new StageError('invalid-output', `the ${queue} stage may not emit ${name}`);
      for (const item of items) checkOutput(name, item);
      if (needsWriter(name)) await writers[name]!(items as never);
      else await addJobs(queues, name, items);
    }
  };
}

/**
 * The handler's own object goes on, not zod's parsed copy of it: the output schemas have no
 * defaults or transforms, and the stage contract checks that a handler emits no key its schema
 * drops, so the copy would be the same object again (a whole article, for the dedupe stage).
 */
function checkOutput(name: OutputName, item: unknown): void {
  const parsed = OUTPUTS[name].schema.safeParse(item);
  if (!parsed.success) throw new StageError('invalid-output', `${name}: ${issuesOf(parsed.error.issues)}`);
}

async function addJobs(queues: StageQueues, name: JobName, payloads: unknown[]): Promise<void> {
  // The payloads passed the schema of their job name, so they fit its id function.
  const idOf = jobIds[name] as (payload: unknown) => string;
  const queue = queues[JOBS[name].queue] as Queue;
  const jobs = payloads.map((data) => ({ name, data, opts: { jobId: idOf(data) } }));
  for (let start = 0; start < jobs.length; start += ADD_BULK) await queue.addBulk(jobs.slice(start, start + ADD_BULK));
}

/** "path: problem; path: problem", the way invalid payloads and outputs are reported. */
export function issuesOf(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}
