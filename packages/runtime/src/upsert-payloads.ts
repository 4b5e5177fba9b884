import type { Queue } from 'bullmq';
import type { RedisClient } from './connection.ts';
import { basePrefixOf } from './queue-prefix.ts';
import {
  encodeUpsertPayload,
  jobIds,
  redisKeys,
  splitUpsertPayload,
  upsertJobIdFor,
  upsertRefOf,
} from '@newsflow/contracts';
import type { ArticleDocument, UpsertJob, UpsertRef } from '@newsflow/contracts';
import { DAY_SECONDS, FAILED_RETENTION_SECONDS } from './queues.ts';
import type { StageQueue } from './queues.ts';

/**
 * The documents of an upsert job live in one RedisClient string beside the job (see upsert-payload.ts in
 * @newsflow/contracts) and are deleted when the job completes. The TTL outlives the retention of
 * failed jobs, so a failed job stays replayable for as long as it is listed; it also bounds what a
 * process dying between completing a job and deleting its payload leaves behind.
 */
export const UPSERT_PAYLOAD_TTL_SECONDS = FAILED_RETENTION_SECONDS + 5 * DAY_SECONDS;

export function upsertPayloadKey(prefix: string, jobId: string): string {
  return redisKeys(prefix).upsertPayload(jobId);
}

/**
 * Writes the payload, then adds the job naming it: a crash in between leaves only a payload
 * (rewritten by the replay, or expired), never a job without its documents.
 */
export async function enqueueUpsertLines(
  queue: StageQueue<'index'>,
  redis: RedisClient,
  refs: UpsertRef[],
  lines: ReadonlyArray<string | Buffer>,
  jobId = upsertJobIdFor(refs),
): Promise<string> {
  const prefix = basePrefixOf(queue.opts.prefix ?? 'bull', queue.name);
  const data = await storeUpsertPayload(redis, prefix, jobId, refs, lines);
  await (queue as Queue).add('index', data, { jobId });
  return jobId;
}

/** Stores the documents of the upsert job `jobId` and returns that job's data. */
export async function storeUpsertPayload(
  redis: RedisClient,
  prefix: string,
  jobId: string,
  refs: UpsertRef[],
  lines: ReadonlyArray<string | Buffer>,
): Promise<UpsertJob> {
  if (refs.length !== lines.length || refs.length === 0)
    throw new Error(`an upsert needs one line per document (${refs.length} refs, ${lines.length} lines)`);
  const payload = upsertPayloadKey(prefix, jobId);
  const body = Buffer.concat(lines.flatMap((line) => [typeof line === 'string' ? Buffer.from(line) : line, NEWLINE]));
  await redis.set(payload, body, 'EX', UPSERT_PAYLOAD_TTL_SECONDS);
  return { kind: 'upsert', payload, documents: refs };
}

/**
 * Enqueues documents for indexing at their fetch-time versions, or at the versions given by a
 * resend run of the API (whose id makes its jobs its own: see jobIds.resendUpsert).
 */
export function enqueueUpsert(
  queue: StageQueue<'index'>,
  redis: RedisClient,
  documents: readonly ArticleDocument[],
  options: { versions?: number[]; resendRun?: string } = {},
): Promise<string> {
  const refs = documents.map((document, i) => upsertRefOf(document, options.versions?.[i]));
  const jobId = options.resendRun === undefined ? upsertJobIdFor(refs) : jobIds.resendUpsert(refs, options.resendRun);
  return enqueueUpsertLines(queue, redis, refs, encodeUpsertPayload(documents), jobId);
}

/** The payload's lines as byte slices, or null when the key is gone. */
export async function readUpsertPayload(redis: RedisClient, key: string): Promise<Buffer[] | null> {
  const stored = await redis.getBuffer(key);
  return stored ? splitUpsertPayload(stored) : null;
}

export async function deleteUpsertPayload(redis: RedisClient, key: string): Promise<void> {
  await redis.del(key);
}

/**
 * A failed job stays listed for FAILED_RETENTION_SECONDS from its last failure, so each failure
 * renews its payload's TTL: a job replayed and failing again stays replayable as long as it is listed.
 */
export async function keepUpsertPayload(redis: RedisClient, key: string): Promise<void> {
  await redis.expire(key, UPSERT_PAYLOAD_TTL_SECONDS);
}

const NEWLINE = Buffer.from('\n');
