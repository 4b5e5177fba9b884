// One fault run on a topology (topology.ts: its own Redis with an AOF and the real Elasticsearch
// behind a fault proxy, or a Redis Cluster and a 3-node Elasticsearch), the API and 2 processes per stage, N URLs of the corpus site fed in waves while the schedule's faults land,
// then the drain and the one account (services/api/src/verify/run-account.ts), and a run ledger
// that `newsflow verify --ledger` reads.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCorpusSite } from '@newsflow/bench';
import { reasonOf } from '@newsflow/contracts';
import type { RunLedger, RunLedgerFault } from '@newsflow/contracts';
import { queueKey } from '@newsflow/runtime';
import type { RedisClient, StageQueues } from '@newsflow/runtime';
import type { Client } from '@newsflow/search';
import { uniquePrefix } from '@newsflow/testkit';
import { accountFor, activeJobs, runEnv, submitUrls } from '../multi-process-run.ts';
import { judge } from './judge.ts';
import type { FaultVerdict } from './judge.ts';
import { freezeWorker, killRound } from './schedule.ts';
import type { FaultPlan, ScheduleContext } from './schedule.ts';
import type { FaultTopology } from './topology.ts';
import { startRunStack } from './run-stack.ts';
import type { WorkerFleet } from './worker-fleet.ts';

export interface FaultRunOptions extends FaultPlan {
  suite: string;
  urls: number;
  hosts: number;
  perStage: number;
  /** the servers the run uses, and their faults; stopped by whoever started it */
  topology: FaultTopology;
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
function phases(plan: FaultPlan, topology: FaultTopology, context: ScheduleContext, faults: Promise<RunLedgerFault>[]) {
  const list: Array<() => Promise<void>> = [];
  for (let round = 0; round < plan.killRounds; round++) list.push(() => killRound(context, faults));
  if (plan.freezeMs > 0) list.splice(1, 0, () => freezeWorker(context, faults, plan.freezeMs));
  const servers = topology.steps(plan, context, faults);
  servers.middle.forEach((step, i) => list.splice(2 + i * 2, 0, step));
  list.push(...servers.end);
  return list;
}

export async function runFaultSuite(options: FaultRunOptions): Promise<FaultRunResult> {
  const startedAt = new Date();
  const { topology } = options;
  const corpus = await startCorpusSite({ urls: options.urls, hosts: options.hosts });
  const prefix = uniquePrefix('faults');
  const env = {
    ...runEnv(topology.env, prefix),
    WORKER_LOCK_DURATION_MS: String(options.lockMs),
    WORKER_STALLED_INTERVAL_MS: String(options.stalledMs),
  };
  const { elasticsearchUrl } = topology;
  const stack = await startRunStack({ env, prefix, elasticsearchUrl, perStage: options.perStage, name: 'faults' });
  const { admin, es, queues, api, fleet } = stack;
  try {
    const context: ScheduleContext = {
      fleet,
      indexPrefix: prefix,
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
      topology: topology.name,
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
    await stack.stop();
    await corpus.stop();
  }
}

async function feedAndFault(
  options: FaultRunOptions,
  context: ScheduleContext,
  faults: Promise<RunLedgerFault>[],
  apiUrl: string,
  urls: readonly string[],
): Promise<string[]> {
  const steps = phases(options, options.topology, context, faults);
  const wave = Math.ceil(urls.length / (steps.length + 1));
  const docIds: string[] = [];
  for (let i = 0; i <= steps.length; i++) {
    docIds.push(...(await submitUrls(apiUrl, urls.slice(i * wave, (i + 1) * wave))));
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
  for (const line of await unclassifiedFailures(inputs.queues)) options.log(`failed without a reason code: ${line}`);
  return judge(account, await activeJobs(inputs.queues), inputs.fleet.unexpectedExits());
}

/** The messages of failed jobs that carry no reason code (counted as <stage>/unknown), to say what they were. */
async function unclassifiedFailures(queues: StageQueues): Promise<string[]> {
  const lines: string[] = [];
  for (const [name, queue] of Object.entries(queues)) {
    const failed = await queue.getFailed(0, 200);
    for (const job of failed)
      if (reasonOf(job.failedReason) === 'unknown') lines.push(`${name} ${job.id}: ${job.failedReason.slice(0, 300)}`);
  }
  return lines;
}
