import { QUEUE_NAMES, jobIdFor, reasonOf, upsertJobIdFor, versionOf } from '@newsflow/contracts';
import type { QueueName } from '@newsflow/contracts';
import type { StageQueues } from '@newsflow/runtime';
import type { EsArticle } from '@newsflow/search';

export interface StageStep {
  stage: QueueName;
  jobId: string;
  /** BullMQ state, or 'gone' when the job was removed (completed jobs are kept a day) or never made. */
  state: string;
  enqueuedAt?: string;
  startedAt?: string;
  finishedAt?: string;
  attempts?: number;
  failure?: { reason: string; message: string };
}

export interface ArticlePath {
  submittedAt?: string;
  fetchedAt?: string;
  cleanedAt?: string;
  clusteredAt?: string;
  indexedAt?: string;
  clusterId?: string;
  steps: StageStep[];
}

type Job = NonNullable<Awaited<ReturnType<StageQueues[QueueName]['getJob']>>>;

/**
 * Reads the stage jobs by their deterministic ids (render only where the page took it) and merges what the indexed document says.
 * Index jobs carry batches from the dedupe outbox, so `index-<docId>-v<version>` exists only for a
 * document sent alone (a quiet outbox, or one Elasticsearch refused, with its reason); its version
 * is the fetch time, taken from the dedupe job (the latest fetch) or else the indexed document.
 * Otherwise the index step reads 'gone' and indexedAt comes from the document itself.
 */
export async function readArticlePath(
  queues: StageQueues,
  docId: string,
  article: Partial<EsArticle> | undefined,
): Promise<ArticlePath> {
  const earlier = await Promise.all(
    QUEUE_NAMES.filter((stage) => stage !== 'index').map((stage) => readStep(queues, stage, jobIdFor(stage, docId))),
  );
  const fetchedAt = earlier.find((step) => step.stage === 'dedupe')?.fetchedAt ?? article?.fetchedAt;
  const indexJobId = fetchedAt
    ? upsertJobIdFor([{ docId, version: versionOf({ fetchedAt }) }])
    : jobIdFor('index', docId);
  const steps = [...earlier, await readStep(queues, 'index', indexJobId)]
    .filter(wasOnPath)
    .map(({ fetchedAt: _fetchedAt, ...step }) => step);
  const finished = (stage: QueueName) =>
    steps.find((step) => step.stage === stage && step.state === 'completed')?.finishedAt;
  return dropUndefined({
    submittedAt: article?.submittedAt ?? steps[0]?.enqueuedAt,
    fetchedAt: article?.fetchedAt ?? finished('fetch'),
    cleanedAt: finished('clean'),
    clusteredAt: finished('dedupe'),
    indexedAt: article?.indexedAt ?? finished('index'),
    clusterId: article?.clusterId,
    steps,
  });
}

/** Rendering is a detour only JavaScript shells take: a render job never made is no step of the path. */
function wasOnPath(step: StageStep): boolean {
  return step.stage !== 'render' || step.state !== 'gone';
}

export function hasTrace(path: ArticlePath): boolean {
  return path.steps.some((step) => step.state !== 'gone');
}

/** A step, plus the fetch time its job's payload names (dedupe jobs carry it). */
async function readStep(
  queues: StageQueues,
  stage: QueueName,
  jobId: string,
): Promise<StageStep & { fetchedAt?: string }> {
  // State before the job: a job read while active and then found failed would lack its reason.
  const state = await queues[stage].getJobState(jobId);
  const job = await queues[stage].getJob(jobId);
  if (!job || state === 'unknown') return { stage, jobId, state: 'gone' };
  const fetchedAt = (job.data as { fetchedAt?: unknown }).fetchedAt;
  return dropUndefined({
    stage,
    jobId,
    state,
    ...timesOf(job),
    attempts: job.attemptsMade,
    failure: failureOf(job),
    fetchedAt: typeof fetchedAt === 'string' ? fetchedAt : undefined,
  });
}

function timesOf(job: Job): Pick<StageStep, 'enqueuedAt' | 'startedAt' | 'finishedAt'> {
  return { enqueuedAt: iso(job.timestamp), startedAt: iso(job.processedOn), finishedAt: iso(job.finishedOn) };
}

function failureOf(job: Job): StageStep['failure'] {
  return job.failedReason ? { reason: reasonOf(job.failedReason), message: job.failedReason } : undefined;
}

function iso(ms: number | undefined): string | undefined {
  return ms ? new Date(ms).toISOString() : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
