import { Queue } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import { QUEUE_NAMES, jobIdFor } from '@newsflow/contracts';
import type { JobPayload, QueueName } from '@newsflow/contracts';
import type { RedisClient } from './connection.ts';
import { queuePrefix } from './queue-prefix.ts';

export type StageQueue<Q extends QueueName> = Queue<JobPayload[Q], unknown, string>;
export type StageQueues = { [Q in QueueName]: StageQueue<Q> };

export const DAY_SECONDS = 24 * 3600;
/** How long a failed job stays listable and replayable. */
export const FAILED_RETENTION_SECONDS = 30 * DAY_SECONDS;

/**
 * Retries: exponential backoff with jitter for transient errors. Completed jobs stay for a day, so
 * a URL dropped again within that window is ignored by its deterministic job id; failed jobs stay
 * (bounded by count) so they can be listed by reason and replayed.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: { age: DAY_SECONDS, count: 200_000 },
  removeOnFail: { age: FAILED_RETENTION_SECONDS, count: 100_000 },
};

/**
 * Fetches wait longer between tries: a site that answers 5xx or drops connections is often down for
 * minutes, not seconds. 8 tries from 5 s cover about ten minutes before the URL is listed as failed.
 */
export const FETCH_JOB_OPTIONS: JobsOptions = {
  ...DEFAULT_JOB_OPTIONS,
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
};

/** A stage queue under its own hash-tagged prefix (queue-prefix.ts), on any topology. */
export function createQueue<Q extends QueueName>(name: Q, connection: RedisClient, prefix: string): StageQueue<Q> {
  const defaultJobOptions = name === 'fetch' ? FETCH_JOB_OPTIONS : DEFAULT_JOB_OPTIONS;
  const queue: StageQueue<Q> = new Queue(name, { connection, prefix: queuePrefix(prefix, name), defaultJobOptions });
  queue.on('error', (error) => console.error(`queue ${name}: ${error.message}`));
  return queue;
}

export function createQueues(connection: RedisClient, prefix: string): StageQueues {
  const entries = QUEUE_NAMES.map((name) => [name, createQueue(name, connection, prefix)]);
  return Object.fromEntries(entries) as StageQueues;
}

/** Adds a job under its deterministic id (stage + document), so a second add of the same work is a no-op. */
export async function enqueue<Q extends QueueName>(
  queue: StageQueue<Q>,
  docId: string,
  payload: JobPayload[Q],
): Promise<void> {
  const jobId = jobIdFor(queue.name, docId);
  // BullMQ's typing of add() is generic over name and data; the payload has been validated by type.
  await (queue as Queue).add(queue.name, payload, { jobId });
}

export async function closeQueues(queues: StageQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}
