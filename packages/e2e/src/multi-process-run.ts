// A whole-pipeline run with N processes of every stage on any Redis / Elasticsearch topology, and
// the per-URL account that closes it: every submitted URL indexed (exactly once), failed with a
// reason, or skipped with one; nothing else. Shared by the fault runner, the cluster failover test and its bench.
import type { ChildProcess } from 'node:child_process';
import { accountDocuments, activeJobs } from '@newsflow/api';
import type { RunAccount } from '@newsflow/api';
import type { QueueName } from '@newsflow/contracts';
import { queueKey } from '@newsflow/runtime';
import type { RedisClient, StageQueues } from '@newsflow/runtime';
import { indexNames } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import { spawnPipeline, spawnService, stopProcesses } from '@newsflow/testkit';

const STAGE_SERVICES = ['fetcher', 'cleaner', 'dedupe', 'indexer'] as const;

export interface StageProcesses {
  apiUrl: string;
  stop(): Promise<void>;
}

/** The environment every process of a run gets, on top of the topology's own variables. */
export function runEnv(backends: Record<string, string>, prefix: string): Record<string, string> {
  return {
    ...backends,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_INDEX_PREFIX: prefix,
    FETCH_ALLOW_PRIVATE: '127.0.0.0/8', // the corpus and seed sites listen on loopback
    FETCH_HOST_DELAY_MS: '20',
    FETCH_HOST_CONCURRENCY: '4',
    // locks outlive a failover's few seconds of failed renewals; a lost one comes back in seconds
    WORKER_LOCK_DURATION_MS: '10000',
    WORKER_STALLED_INTERVAL_MS: '5000',
    LOG_LEVEL: 'error',
  };
}

/** The API once, and `perStage` processes of every stage. */
export async function startStages(env: Record<string, string>, perStage: number): Promise<StageProcesses> {
  const output = (service: string, line: string) => {
    if (process.env.NEWSFLOW_E2E_LOGS) console.error(`[${service}] ${line}`);
  };
  const pipeline = await spawnPipeline({ env, output });
  const extra: ChildProcess[] = [];
  for (let i = 1; i < perStage; i++)
    for (const service of STAGE_SERVICES) extra.push(spawnService(service, { ...process.env, ...env }, output));
  return {
    apiUrl: pipeline.apiUrl,
    stop: async () => {
      await stopProcesses(extra);
      await pipeline.stop();
    },
  };
}

/** One POST /api/urls: its status, the docIds it accepted (on 202), its Retry-After and its text otherwise. */
export interface IntakeAnswer {
  status: number;
  docIds: string[];
  /** null when the answer carried no Retry-After */
  retryAfterSeconds: number | null;
  text: string;
}

export async function postUrls(apiUrl: string, urls: readonly string[]): Promise<IntakeAnswer> {
  const response = await fetch(`${apiUrl}/api/urls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(urls),
  });
  const header = response.headers.get('retry-after');
  const retryAfterSeconds = header === null ? null : Number(header);
  if (response.status !== 202)
    return { status: response.status, docIds: [], retryAfterSeconds, text: await response.text() };
  const { accepted } = (await response.json()) as { accepted: Array<{ docId: string }> };
  return { status: 202, docIds: accepted.map((entry) => entry.docId), retryAfterSeconds, text: '' };
}

/** How long a producer waits before resending a batch refused with `answer` (1 to 10 s, 1 s without Retry-After). */
function retryWaitMs(answer: IntakeAnswer): number {
  return Math.min(Math.max(answer.retryAfterSeconds ?? 1, 1), 10) * 1_000;
}

/**
 * One batch sent as a well-behaved producer sends it: a 503 (intake back-pressure, Redis slow to
 * answer or just restarted) is waited out for its Retry-After and the batch sent again, until
 * `giveUpMs` have passed; resubmitting is safe, job ids are deterministic. Returns the last answer
 * (202, another status, or the last 503); `onAnswer` sees every answer and how long it took.
 */
export async function postPolitely(
  apiUrl: string,
  urls: readonly string[],
  giveUpMs: number,
  onAnswer: (answer: IntakeAnswer, elapsedMs: number) => void = () => {},
): Promise<IntakeAnswer> {
  const deadline = Date.now() + giveUpMs;
  for (;;) {
    const started = Date.now();
    const answer = await postUrls(apiUrl, urls);
    onAnswer(answer, Date.now() - started);
    if (answer.status !== 503 || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, retryWaitMs(answer)));
  }
}

/**
 * POST /api/urls in chunks, politely (postPolitely); the docId of every URL, in order. Anything
 * but 202, or 2 minutes of 503s for one chunk, fails the run.
 */
export async function submitUrls(apiUrl: string, urls: readonly string[]): Promise<string[]> {
  const docIds: string[] = [];
  for (let i = 0; i < urls.length; i += 500) {
    const answer = await postPolitely(apiUrl, urls.slice(i, i + 500), 120_000);
    if (answer.status !== 202) throw new Error(`POST /api/urls answered ${answer.status}: ${answer.text}`);
    docIds.push(...answer.docIds);
  }
  return docIds;
}

/**
 * Where every submitted document ended (indexed, failed, skipped, pending, lost, duplicated), as
 * `newsflow verify` counts it: the one account, from @newsflow/api.
 */
export function accountFor(
  redis: RedisClient,
  queues: StageQueues,
  es: Client,
  prefix: string,
  docIds: readonly string[],
): Promise<RunAccount> {
  return accountDocuments(
    { redis, queues, elasticsearch: es, queuePrefix: prefix, readAlias: indexNames(prefix).readAlias },
    docIds,
  );
}

/** Documents not ended yet: a drain waits for this to reach 0 (lost ones stay lost). */
export function unended(account: RunAccount): number {
  return account.pending.length;
}

export { activeJobs };

/** Jobs a stage has completed so far (BullMQ's completed set). */
export async function completedJobs(redis: RedisClient, prefix: string, queue: QueueName): Promise<number> {
  return redis.zcard(queueKey(prefix, queue, 'completed'));
}
