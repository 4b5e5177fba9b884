import { setTimeout as sleep } from 'node:timers/promises';
import { enqueuePages } from './enqueue-pages.ts';
import type { ArchivedPage, BatchOutcome, EnqueueDeps } from './enqueue-pages.ts';
import { emptyProgress } from './ingest-status.ts';
import type { IngestProgress } from './ingest-status.ts';
import { readWarc } from './read-warc.ts';
import type { ByteSource } from './read-warc.ts';
import { judgeRecord } from './record-filter.ts';
import type { WarcFilter, WarcSkipReason } from './record-filter.ts';

export interface IngestDeps extends EnqueueDeps {
  /** Largest page body taken (FETCH_MAX_BYTES, as for live pages). */
  maxBodyBytes: number;
  /**
   * Clean jobs allowed to wait before reading pauses: each holds its raw page in Redis, so an
   * archive read faster than it is cleaned would otherwise fill Redis.
   */
  maxPending: number;
  /** Called about once a second and at the end. */
  onProgress?: (progress: IngestProgress) => Promise<void> | void;
}

const BATCH = 100;
const PROGRESS_EVERY_MS = 1_000;

/**
 * Streams one archive into the clean stage. A truncated or malformed archive throws its
 * WarcFormatError after the pages before the fault were handed on; running it again hands on
 * nothing twice (enqueuePages skips what is queued or indexed).
 */
export async function ingestWarc(source: ByteSource, filter: WarcFilter, deps: IngestDeps): Promise<IngestProgress> {
  const progress = emptyProgress();
  const submittedAt = new Date();
  let batch: ArchivedPage[] = [];
  let reported = Date.now();
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await waitForRoom(deps);
    addOutcome(progress, await enqueuePages(batch, deps, submittedAt));
    batch = [];
  };
  try {
    for await (const entry of readWarc(source, selectFor(filter, progress, deps.maxBodyBytes))) {
      progress.read++;
      if (entry.tooLarge) addSkip(progress, 'too-large');
      else if (entry.body) batch.push({ meta: entry.meta, body: entry.body });
      if (batch.length >= BATCH) await flush();
      if (Date.now() - reported >= PROGRESS_EVERY_MS) {
        reported = Date.now();
        await deps.onProgress?.(progress);
      }
    }
  } finally {
    // What was read before a fault is handed on, so the error comes after all that could be kept.
    await flush();
    await deps.onProgress?.(progress);
  }
  return progress;
}

function selectFor(filter: WarcFilter, progress: IngestProgress, maxBodyBytes: number) {
  return {
    maxBodyBytes,
    consumed: progress,
    select: (meta: Parameters<typeof judgeRecord>[0]): boolean => {
      const reason = judgeRecord(meta, filter);
      if (reason) addSkip(progress, reason);
      return reason === undefined;
    },
  };
}

async function waitForRoom(deps: IngestDeps): Promise<void> {
  while ((await deps.cleanQueue.getWaitingCount()) >= deps.maxPending) await sleep(200);
}

function addSkip(progress: IngestProgress, reason: WarcSkipReason, count = 1): void {
  progress.skipped[reason] = (progress.skipped[reason] ?? 0) + count;
}

function addOutcome(progress: IngestProgress, outcome: BatchOutcome): void {
  progress.kept += outcome.kept;
  for (const [reason, count] of Object.entries(outcome.skipped) as Array<[WarcSkipReason, number]>)
    addSkip(progress, reason, count);
}
