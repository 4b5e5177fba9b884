// One fault run: its own Redis (AOF), the real Elasticsearch behind a fault proxy, the API and 2
// processes per stage, N URLs of the corpus site fed in waves while the schedule's faults land,
// then the drain and the one account (services/api/src/verify/run-account.ts), and a run ledger
// that `newsflow verify --ledger` reads.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCorpusSite } from '@newsflow/bench';
import type { RunLedger, RunLedgerFault } from '@newsflow/contracts';
import { queueKey } from '@newsflow/runtime';
import type { RedisClient, StageQueues } from '@newsflow/runtime';
import type { Client } from '@newsflow/search';
import { startHttpFaultProxy, uniquePrefix } from '@newsflow/testkit';
import { accountFor, activeJobs, runEnv, submitPolitely } from '../multi-process-run.ts';
import { judge } from './judge.ts';
import type { FaultVerdict } from './judge.ts';
import { startAofRedis } from './redis-aof.ts';
import { esFault, freezeWorker, killRound, restartRedis } from './schedule.ts';
import type { FaultPlan, ScheduleContext } from './schedule.ts';
import { startRunStack } from './run-stack.ts';
import type { WorkerFleet } from './worker-fleet.ts';

export interface FaultRunOptions extends FaultPlan {
  suite: string;
  urls: number;
  hosts: number;
  perStage: number;
  /** the real Elasticsearch the proxy stands in front of */
  elasticsearchUrl: string;
  lockMs: number;
  stalledMs: number;
  drainTimeoutMs: number;
  ledgerFile: string;
  seed: number;
  log(line: string): void;
}

export interface FaultRunResult extends FaultVerdict {
  ledger: RunLedger;
  /** what `newsflow verify --ledger FILE` printed against this run's API, and its exit code */
  verify: { output: string; exitCode: number | null };
}

const CLI = join(import.meta.dirname, '../../../cli/src/main.ts');

/**
 * The real CLI, as an operator runs it, against the run's API while it is still up. Not spawnSync:
 * the API reaches Elasticsearch through the fault proxy in this process, which must keep serving.
 */
async function verifyWithCli(apiUrl: string, ledgerFile: string): Promise<FaultRunResult['verify']> {
  const args = [CLI, 'verify', '--ledger', ledgerFile, '--api', apiUrl];
  const env = { ...process.env, NO_COLOR: '1' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { env, encoding: 'utf8' });
    return { output: `${stdout}${stderr}`, exitCode: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`, exitCode: failed.code ?? null };
  }
}

/** mulberry32: a small seeded generator, so a run's choice of victims can be replayed */
function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** The phases in order; each gets a wave of URLs first. */
function phases(plan: FaultPlan, context: ScheduleContext, faults: Promise<RunLedgerFault>[]) {
  const list: Array<() => Promise<void>> = [];
  for (let round = 0; round < plan.killRounds; round++) list.push(() => killRound(context, faults));
  if (plan.freezeMs > 0) list.splice(1, 0, () => freezeWorker(context, faults, plan.freezeMs));
  for (let i = 0; i < plan.redisRestarts; i++) list.splice(2 + i * 2, 0, () => restartRedis(context, faults));
  if (plan.esDownMs > 0) list.push(() => esFault(context, faults, 'down', plan.esDownMs));
  if (plan.esStatusMs > 0) {
    list.push(() => esFault(context, faults, 429, plan.esStatusMs));
    list.push(() => esFault(context, faults, 503, plan.esStatusMs));
  }
  return list;
}

export async function runFaultSuite(options: FaultRunOptions): Promise<FaultRunResult> {
  const startedAt = new Date();
  const [redis, proxy, corpus] = await Promise.all([
    startAofRedis(),
    startHttpFaultProxy(options.elasticsearchUrl),
    startCorpusSite({ urls: options.urls, hosts: options.hosts }),
  ]);
  const prefix = uniquePrefix('faults');
  const env = {
    ...runEnv({ REDIS_URL: redis.url, ELASTICSEARCH_URL: proxy.url }, prefix),
    WORKER_LOCK_DURATION_MS: String(options.lockMs),
    WORKER_STALLED_INTERVAL_MS: String(options.stalledMs),
  };
  const { elasticsearchUrl, perStage } = options;
  const stack = await startRunStack({ env, prefix, elasticsearchUrl, perStage, name: 'faults' });
  const { admin, es, queues, api, fleet } = stack;
  try {
    const context: ScheduleContext = {
      fleet,
      redis,
      proxy,
      completed: (queue) => admin.zcard(queueKey(prefix, queue, 'completed')),
      drained: false,
      pick: seeded(options.seed),
      log: options.log,
    };
    const faults: Promise<RunLedgerFault>[] = [];
    const docIds = await feedAndFault(options, context, faults, api.apiUrl, corpus.urls);
    const verdict = await drainAndJudge(options, { admin, es, queues, prefix, docIds, fleet });
    context.drained = true;
    const ledger: RunLedger = {
      version: 1,
      suite: options.suite,
      topology: 'single',
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      urlsSubmitted: corpus.urls.length,
      urlsAccepted: docIds.length,
      faults: await Promise.all(faults),
      hostile: { tried: 0, passed: 0, failedCases: [] },
    };
    writeFileSync(options.ledgerFile, `${JSON.stringify(ledger, null, 2)}\n`);
    return { ...verdict, ledger, verify: await verifyWithCli(api.apiUrl, options.ledgerFile) };
  } finally {
    proxy.setMode('pass');
    await stack.stop();
    await Promise.all([redis.stop(), proxy.close(), corpus.stop()]);
  }
}

async function feedAndFault(
  options: FaultRunOptions,
  context: ScheduleContext,
  faults: Promise<RunLedgerFault>[],
  apiUrl: string,
  urls: readonly string[],
): Promise<string[]> {
  const steps = phases(options, context, faults);
  const wave = Math.ceil(urls.length / (steps.length + 1));
  const docIds: string[] = [];
  for (let i = 0; i <= steps.length; i++) {
    docIds.push(...(await submitPolitely(apiUrl, urls.slice(i * wave, (i + 1) * wave))));
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the wave is under way when the fault lands
    await steps[i]?.();
  }
  return docIds;
}

interface JudgeInputs {
  admin: RedisClient;
  es: Client;
  queues: StageQueues;
  prefix: string;
  docIds: string[];
  fleet: WorkerFleet;
}

async function drainAndJudge(options: FaultRunOptions, inputs: JudgeInputs): Promise<FaultVerdict> {
  const deadline = Date.now() + options.drainTimeoutMs;
  let account = await accountFor(inputs.admin, inputs.queues, inputs.es, inputs.prefix, inputs.docIds);
  while (account.pending.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    account = await accountFor(inputs.admin, inputs.queues, inputs.es, inputs.prefix, inputs.docIds);
  }
  return judge(account, await activeJobs(inputs.queues), inputs.fleet.unexpectedExits());
}
