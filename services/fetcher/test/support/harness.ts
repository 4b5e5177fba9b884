import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job, JobsOptions } from 'bullmq';
import { identityOf } from '@newsflow/contracts';
import type { DiscoveryJob, FetchJob, JobName } from '@newsflow/contracts';
import { createLogger, resolveConfig } from '@newsflow/config';
import type { Config } from '@newsflow/config';
import { createRedisClient, runStage } from '@newsflow/runtime';
import type { RunningStage } from '@newsflow/runtime';
import { clearPrefix, TEST_REDIS_URL } from '@newsflow/testkit';
import type { RedisClient } from '@newsflow/runtime';
import { createFetcherDeps, createFetchStage } from '../../src/index.ts';
import type { FetcherDeps, FetcherOverrides } from '../../src/index.ts';

/** Made-up host names (*.test) resolve to loopback, so each can have its own robots.txt. */
export const testResolver = async (hostname: string): Promise<Array<{ address: string; family: number }>> => {
  if (hostname.endsWith('.test')) return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`unknown test host ${hostname}`), { code: 'ENOTFOUND' });
};

export interface Outcome {
  state: string;
  failedReason: string | undefined;
  attemptsMade: number;
}

export interface Harness {
  config: Config;
  redis: RedisClient;
  deps: FetcherDeps;
  stage: RunningStage;
  /** Adds a job (an article fetch unless `name` says feed or sitemap) and returns its id. */
  submit(url: string, extra?: Partial<FetchJob & DiscoveryJob>, options?: JobsOptions, name?: JobName): Promise<string>;
  waitFor(jobId: string, timeoutMs?: number): Promise<Outcome>;
  cleanJob(docId: string): Promise<Job | undefined>;
  close(): Promise<void>;
}

export const FAST_RETRIES: JobsOptions = { attempts: 3, backoff: { type: 'fixed', delay: 100 } };

/** Fetcher settings with test timings (short timeouts, no host delay) on this queue prefix. */
export function testFetcherConfig(prefix: string, env: Record<string, string> = {}): Config {
  return resolveConfig({
    REDIS_URL: TEST_REDIS_URL,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    FETCH_TIMEOUT_MS: '1500',
    FETCH_CONNECT_TIMEOUT_MS: '500',
    FETCH_HEADERS_TIMEOUT_MS: '1000',
    FETCH_BODY_TIMEOUT_MS: '500',
    FETCH_ROBOTS_TIMEOUT_MS: '500',
    FETCH_MAX_BYTES: String(1024 * 1024),
    FETCH_HOST_DELAY_MS: '0',
    FETCH_HOST_CONCURRENCY: '8',
    FETCH_CONCURRENCY: '8',
    ...env,
  });
}

/** A real fetch worker (BullMQ, RedisClient) in this process, under a unique prefix removed on close. */
export async function startHarness(
  env: Record<string, string> = {},
  overrides: FetcherOverrides = { resolver: testResolver },
): Promise<Harness> {
  const config = testFetcherConfig(`test-${randomUUID()}`, env);
  const redis = createRedisClient(config, 'test-fetcher');
  const deps = createFetcherDeps(config, redis, overrides);
  const stage = runStage(createFetchStage(deps), {
    config,
    concurrency: config.FETCH_CONCURRENCY,
    log: createLogger('test', 'silent'),
  });
  const submit = async (
    url: string,
    extra: Partial<FetchJob & DiscoveryJob> = {},
    options: JobsOptions = FAST_RETRIES,
    name: JobName = 'fetch',
  ): Promise<string> => {
    const { docId } = identityOf(url);
    const jobId = `fetch-${docId}-${randomUUID().slice(0, 8)}`;
    const data: FetchJob = { url, docId, submittedAt: new Date().toISOString(), source: { kind: 'api' }, ...extra };
    await stage.queues.fetch.add(name, data, { ...options, jobId });
    return jobId;
  };
  const waitFor = async (jobId: string, timeoutMs = 15_000): Promise<Outcome> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // State first, then the job: read the other way round, a job read while still active could
      // be reported as failed without its failedReason.
      const state = await stage.queues.fetch.getJobState(jobId);
      const job = await stage.queues.fetch.getJob(jobId);
      if (job && (state === 'completed' || state === 'failed'))
        return { state, failedReason: job.failedReason, attemptsMade: job.attemptsMade };
      if (Date.now() > deadline)
        return {
          state: `timed out in ${state}`,
          failedReason: job?.failedReason,
          attemptsMade: job?.attemptsMade ?? 0,
        };
      await sleep(50);
    }
  };
  const close = async (): Promise<void> => {
    // Each step runs even if an earlier one throws, so a test never leaves a worker behind.
    await stage.close().catch((error: unknown) => console.error('stage close:', error));
    await deps.close().catch(() => undefined);
    await clearPrefix(redis, config.NEWSFLOW_QUEUE_PREFIX);
    redis.disconnect();
  };
  return {
    config,
    redis,
    deps,
    stage,
    submit,
    waitFor,
    cleanJob: (docId) => stage.queues.clean.getJob(`clean-${docId}`),
    close,
  };
}

/** Closes each in order (a harness before the server it fetches from), every one even if an earlier one throws. */
export async function closeInOrder(...closables: Array<{ close(): Promise<unknown> } | undefined>): Promise<void> {
  const failures: unknown[] = [];
  for (const closable of closables) await closable?.close().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw new AggregateError(failures, 'close failed');
}
