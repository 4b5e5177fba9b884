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

/** POST /api/urls in chunks; the docId of every URL, in order. */
export async function submitUrls(apiUrl: string, urls: readonly string[]): Promise<string[]> {
  const docIds: string[] = [];
  for (let i = 0; i < urls.length; i += 500) {
    const answer = await postUrls(apiUrl, urls.slice(i, i + 500));
    if (answer.status !== 202) throw new Error(`POST /api/urls answered ${answer.status}: ${answer.text}`);
    docIds.push(...answer.docIds);
  }
  return docIds;
}

/**
 * POST /api/urls as a well-behaved producer: a 503 (Redis just restarted, back-pressure) is waited
 * out for its Retry-After and sent again; anything else, or 2 minutes of 503s, fails the run.
 */
export async function submitPolitely(apiUrl: string, urls: readonly string[]): Promise<string[]> {
  const docIds: string[] = [];
  for (let i = 0; i < urls.length; i += 500) {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const answer = await postUrls(apiUrl, urls.slice(i, i + 500));
      if (answer.status === 202) {
        docIds.push(...answer.docIds);
        break;
      }
      if (answer.status !== 503 || Date.now() > deadline)
        throw new Error(`POST /api/urls answered ${answer.status}: ${answer.text}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(answer.retryAfterSeconds ?? 1, 5) * 1_000));
    }
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
