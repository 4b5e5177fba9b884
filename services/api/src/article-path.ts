import { jobIdFor, jobIds, reasonOf, upsertJobIdFor, versionOf } from '@newsflow/contracts';
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
  /** On a rendered page's path, which clean this is: of the fetched JavaScript shell, or of the rendered DOM. */
  page?: 'shell' | 'rendered';
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
 * Reads the stage jobs by their deterministic ids and merges what the indexed document says. The
 * path is fetch, clean, dedupe, index; a JavaScript shell detours from its clean through render to
 * a second clean of the rendered page (`clean-<docId>-rendered`), and a page of an always-render
 * host goes from fetch straight to render. Index jobs carry batches from the dedupe outbox, so
 * `index-<docId>-v<version>` exists only for a document sent alone (a quiet outbox, or one
 * Elasticsearch refused, with its reason); its version is the fetch time, taken from the dedupe
 * job (the latest fetch) or else the indexed document. Otherwise the index step reads 'gone' and
 * indexedAt comes from the document itself.
 */
export async function readArticlePath(
  queues: StageQueues,
  docId: string,
  article: Partial<EsArticle> | undefined,
): Promise<ArticlePath> {
  const [fetch, shellClean, render, renderedClean, dedupe] = await Promise.all([
    readStep(queues, 'fetch', jobIdFor('fetch', docId)),
    readStep(queues, 'clean', jobIds.clean({ docId })),
    readStep(queues, 'render', jobIds.render({ docId })),
    readStep(queues, 'clean', jobIds.clean({ docId, rendered: true })),
    readStep(queues, 'dedupe', jobIdFor('dedupe', docId)),
  ]);
  const fetchedAt = dedupe.fetchedAt ?? article?.fetchedAt;
  const indexJobId = fetchedAt
    ? upsertJobIdFor([{ docId, version: versionOf({ fetchedAt }) }])
    : jobIdFor('index', docId);
  const index = await readStep(queues, 'index', indexJobId);
  const steps = [fetch, ...cleanSteps(shellClean, render, renderedClean), dedupe, index].map(
    ({ fetchedAt: _fetchedAt, ...step }) => step,
  );
  // The last clean is the one whose article went on: the rendered page's, where there was one.
  const finished = (stage: QueueName) =>
    steps.findLast((step) => step.stage === stage && step.state === 'completed')?.finishedAt;
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

type ReadStep = StageStep & { fetchedAt?: string };

/**
 * Rendering is a detour only some pages take: a render job never made is no step of the path.
 * With one, the rendered page's clean follows it, and the shell's clean comes before it unless
 * there was none (an always-render host's page is handed to render by the fetcher).
 */
function cleanSteps(shellClean: ReadStep, render: ReadStep, renderedClean: ReadStep): ReadStep[] {
  if (render.state === 'gone' && renderedClean.state === 'gone') return [shellClean];
  const shell: ReadStep[] = shellClean.state === 'gone' ? [] : [{ ...shellClean, page: 'shell' }];
  return [...shell, render, { ...renderedClean, page: 'rendered' }];
}

export function hasTrace(path: ArticlePath): boolean {
  return path.steps.some((step) => step.state !== 'gone');
}

/** A step, plus the fetch time its job's payload names (dedupe jobs carry it). */
async function readStep(queues: StageQueues, stage: QueueName, jobId: string): Promise<ReadStep> {
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
