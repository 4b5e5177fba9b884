import { StageError, isPermanent } from '@newsflow/contracts';
import type { IndexJob, UpsertJob, UpsertRef } from '@newsflow/contracts';
import { isObjectLine, upsertOp } from './batch/bulk-lines.ts';
import { applyRelabel } from './relabel.ts';
import type { RelabelDeps } from './relabel.ts';
import type { RelabelLevel, RelabelStore } from '@newsflow/search';
import type { MetricsRecorder, RecrawlSchedule, StageResult } from '@newsflow/runtime';
import { reviseRecrawls } from './versions/revise-recrawls.ts';
import type { VersionDeps } from './versions/revise-recrawls.ts';

/** Where upsert payloads are read, and where a refused document's payload of its own is stored. */
export interface UpsertPayloads {
  read(key: string): Promise<Buffer[] | null>;
  /** Stores one document's line as the payload of an upsert job of its own and returns that job. */
  storeAlone(ref: UpsertRef, line: Buffer): Promise<UpsertJob>;
}

/** Re-crawls: how they are compared and versioned, where first fetches are scheduled, what is counted. */
export interface RecrawlDeps {
  versions: VersionDeps;
  schedule: RecrawlSchedule;
  metrics?: Pick<MetricsRecorder, 'recordSkipped'>;
}

/**
 * index stage: an upsert's documents join the next bulk requests and the job completes when
 * Elasticsearch acknowledged every one (or refused it as older than what is indexed); a relabel is
 * recorded in the relabel store first, then applied to the documents already indexed. Re-crawled
 * documents are compared with the indexed version first (versions/), and every first fetch indexed
 * joins the re-crawl schedule.
 */
export function createIndexHandler(
  deps: RelabelDeps,
  stores: RelabelStores,
  payloads: UpsertPayloads,
  recrawl: RecrawlDeps,
): (job: IndexJob) => Promise<StageResult<'index'>> {
  return async (job) => {
    if (job.kind === 'upsert') return { next: { index: await upsertJob(deps, job, payloads, recrawl) } };
    const [level, relabel] =
      job.kind === 'relabel'
        ? (['cluster', { clusterId: job.clusterId, mergeSeq: job.mergeSeq }] as const)
        : (['story', { clusterId: job.storyId, mergeSeq: job.storyMergeSeq }] as const);
    await stores[level].record(job.docIds, relabel);
    await applyRelabel(deps, job.docIds, relabel, level);
    return INDEXED;
  };
}

/** Cluster merges and story changes, recorded apart (each level has its own sequence). */
export type RelabelStores = Record<RelabelLevel, RelabelStore>;

/** The last stage hands nothing on. */
const INDEXED: StageResult<'index'> = { next: {} };

async function upsertJob(
  deps: RelabelDeps,
  job: UpsertJob,
  payloads: UpsertPayloads,
  recrawl: RecrawlDeps,
): Promise<UpsertJob[]> {
  const revised = await reviseRecrawls(recrawl.versions, job.documents, await linesOf(job, payloads));
  if (revised.unchanged > 0) void recrawl.metrics?.recordSkipped('index', 'recrawl-unchanged', revised.unchanged);
  const alone = await upsertAll(deps, revised.refs, revised.lines, payloads);
  if (recrawl.schedule.enabled) {
    const refused = new Set(alone.flatMap((next) => next.documents.map((ref) => ref.docId)));
    const first = revised.refs.filter((ref) => ref.recrawl === undefined && !refused.has(ref.docId));
    await recrawl.schedule.add(
      first.map((ref) => ({ docId: ref.docId, url: ref.url, fetchUrl: ref.fetchUrl, firstFetchMs: ref.version })),
    );
  }
  return alone;
}

async function linesOf(job: UpsertJob, payloads: UpsertPayloads): Promise<Buffer[]> {
  const lines = await payloads.read(job.payload);
  if (!lines)
    throw new StageError('payload-missing', `the documents of this job are no longer in Redis (${job.payload})`);
  if (lines.length !== job.documents.length)
    throw new StageError('invalid-payload', `${job.documents.length} documents named, ${lines.length} in the payload`);
  const bad = lines.findIndex((line) => !isObjectLine(line));
  if (bad !== -1) throw new StageError('invalid-payload', `document ${job.documents[bad]!.docId} is not a JSON object`);
  return lines;
}

/**
 * A transient failure of any document fails the job, so BullMQ retries it (rewriting the
 * acknowledged ones is harmless: same external version). A document refused for good (a mapping
 * error) must stay listable and replayable on its own, so it is handed on as an upsert job of its
 * own (its id names it alone) and fails there once with its reason, while the rest completes.
 */
async function upsertAll(
  deps: RelabelDeps,
  refs: UpsertRef[],
  lines: Array<Buffer | string>,
  payloads: UpsertPayloads,
): Promise<UpsertJob[]> {
  const submitted = refs.map((ref, i) =>
    deps.batcher.submit(upsertOp(deps.names.writeAlias, ref.docId, ref.version, lines[i]!)),
  );
  const results = await Promise.allSettled(submitted);
  const refused: number[] = [];
  let refusal: unknown;
  for (const [i, result] of results.entries()) {
    if (result.status === 'fulfilled') continue;
    if (!(result.reason instanceof StageError && isPermanent(result.reason.reason))) throw result.reason;
    refused.push(i);
    refusal = result.reason;
  }
  if (refused.length === 0) return [];
  if (refs.length === 1) throw refusal;
  return Promise.all(refused.map((i) => payloads.storeAlone(refs[i]!, Buffer.from(lines[i]!))));
}
