// The overload run of issue 11: the fault runner's pieces (corpus site, worker fleet, run account,
// judge) on a Redis of the run's own with a memory bound. First the sustainable rate, closed-loop
// at saturation (calibration.ts); what each ended document left in Redis, by key family; then twice
// the rate, open-loop, through the real API for the duration, sampled every few seconds; then the
// drain, the account and Redis by family again.
import { setTimeout as sleep } from 'node:timers/promises';
import { startCorpusSite } from '@newsflow/bench';
import type { RedisClient, StageQueues } from '@newsflow/runtime';
import type { Client } from '@newsflow/search';
import { startLocalRedis, uniquePrefix } from '@newsflow/testkit';
import { judge } from '../faults/judge.ts';
import type { FaultVerdict } from '../faults/judge.ts';
import { startRunStack } from '../faults/run-stack.ts';
import type { WorkerFleet } from '../faults/worker-fleet.ts';
import { accountFor, activeJobs, runEnv, submitUrls } from '../multi-process-run.ts';
import type { RunAccount } from '@newsflow/api';
import { submitOpenLoop } from './open-loop.ts';
import type { IntakeTally } from './open-loop.ts';
import { calibrationCorpusSize, saturatedRate } from './calibration.ts';
import type { Progress } from './calibration.ts';
import { perDocument, redisFamilies } from './redis-families.ts';
import { sampleLine, sampleMaxima, takeSample } from './sampler.ts';
import type { Sample, SampleMaxima, SampleSources } from './sampler.ts';

export interface OverloadOptions {
  /** seconds of open-loop submission at twice the sustainable rate */
  durationS: number;
  /** seconds of closed-loop calibration, and how many URLs it keeps in flight */
  calibrationS: number;
  calibrationWindow: number;
  /** arrival rate over the sustainable one */
  overload: number;
  hosts: number;
  perStage: number;
  /** INTAKE_MAX_REDIS_MEMORY_MB of the run; Redis maxmemory (noeviction) is twice it */
  redisBoundMb: number;
  /** INTAKE_REDIS_KB_PER_JOB of the run */
  redisKbPerJob: number;
  /** INTAKE_MAX_BACKLOG of the run (jobs waiting across the queues); 0: none */
  maxBacklog: number;
  retryAfterS: number;
  /** how long the producer keeps resending one refused batch before it holds it back */
  giveUpMs: number;
  /**
   * The memory bound is set below what the run's URLs will leave in Redis (a day of documents), so
   * intake is expected to stay closed once it is reached: URLs still refused after `giveUpMs` are
   * held back by the producer (counted; never accepted, so never the pipeline's to lose), and the
   * run checks that Redis stayed within the bound instead.
   */
  holdBackExpected: boolean;
  sampleEveryMs: number;
  drainTimeoutMs: number;
  /** the run's redis-server port (a range of the operator's own); a free one when absent */
  redisPort?: number;
  elasticsearchUrl: string;
  log(line: string): void;
}

export interface OverloadResult extends FaultVerdict {
  sustainablePerS: number;
  offeredPerS: number;
  intake: IntakeTally;
  redisBoundMb: number;
  redisMaxMemoryMb: number;
  max: SampleMaxima;
  /** from the last arrival to every document ended */
  drainS: number;
  samples: number;
  /** KB of Redis per ended document, by key family: after the calibration drained, and at the end */
  redisPerDocumentKb: { calibration: Array<[string, number]>; end: Array<[string, number]> };
}

interface Run {
  admin: RedisClient;
  es: Client;
  queues: StageQueues;
  prefix: string;
  apiUrl: string;
  sources: SampleSources;
}

export async function runOverload(options: OverloadOptions): Promise<OverloadResult> {
  const maxMemoryMb = options.redisBoundMb * 2;
  const redisArgs = ['--appendonly', 'no', '--maxmemory', `${maxMemoryMb}mb`, '--maxmemory-policy', 'noeviction'];
  const redis = await startLocalRedis(redisArgs, 15_000, options.redisPort);
  const prefix = uniquePrefix('load');
  const env = {
    ...runEnv({ REDIS_URL: redis.url, ELASTICSEARCH_URL: options.elasticsearchUrl }, prefix),
    INTAKE_MAX_REDIS_MEMORY_MB: String(options.redisBoundMb),
    INTAKE_REDIS_KB_PER_JOB: String(options.redisKbPerJob),
    INTAKE_MAX_BACKLOG: String(options.maxBacklog),
    INTAKE_RETRY_AFTER_SECONDS: String(options.retryAfterS),
  };
  const { elasticsearchUrl, perStage } = options;
  const stack = await startRunStack({ env, prefix, elasticsearchUrl, perStage, name: 'load' });
  const { admin, es, queues, api, fleet } = stack;
  const processes = () => [...fleet.workers(), { name: 'api', pid: api.processes.get('api')!.pid! }];
  const run: Run = { admin, es, queues, prefix, apiUrl: api.apiUrl, sources: { redis: admin, queues, processes } };
  try {
    const verdict = await calibrateAndOverload(options, run, fleet);
    return { ...verdict, redisBoundMb: options.redisBoundMb, redisMaxMemoryMb: maxMemoryMb };
  } finally {
    await stack.stop();
    await redis.stop();
  }
}

type Measured = Omit<OverloadResult, 'redisBoundMb' | 'redisMaxMemoryMb'>;

async function calibrateAndOverload(options: OverloadOptions, run: Run, fleet: WorkerFleet): Promise<Measured> {
  const calibration = await startCorpusSite({ urls: calibrationCorpusSize(options), hosts: options.hosts });
  try {
    const calibrated = await sustainableRate(options, run, calibration.urls);
    const afterCalibration = await familiesPerDocument(run, calibrated.docIds.length, options.log);
    const offeredPerS = calibrated.perS * options.overload;
    options.log(`sustainable ${calibrated.perS.toFixed(1)} URLs/s; offering ${offeredPerS.toFixed(1)} URLs/s`);
    const load = await startCorpusSite({ urls: Math.ceil(offeredPerS * options.durationS), hosts: options.hosts });
    try {
      const { docIds, ...overloaded } = await overloadAndDrain(options, run, load.urls, offeredPerS);
      const all = [...calibrated.docIds, ...docIds];
      const atEnd = await familiesPerDocument(run, all.length, options.log);
      const account = await accountFor(run.admin, run.queues, run.es, run.prefix, all);
      const verdict = judge(account, await activeJobs(run.queues), fleet.unexpectedExits());
      const problems = [...verdict.problems, ...overloadProblems(options, overloaded.intake, overloaded.max)];
      const redisPerDocumentKb = { calibration: afterCalibration, end: atEnd };
      return { ...verdict, problems, sustainablePerS: calibrated.perS, offeredPerS, ...overloaded, redisPerDocumentKb };
    } finally {
      await load.stop();
    }
  } finally {
    await calibration.stop();
  }
}

async function familiesPerDocument(run: Run, documents: number, log: (line: string) => void) {
  const rows = perDocument(await redisFamilies(run.admin, run.prefix), documents);
  log(`Redis per ended document (${documents}): ${rows.map(([family, kb]) => `${family} ${kb} KB`).join(', ')}`);
  return rows;
}

/** Submits in chunks, keeping the calibration window in flight; the docIds, once their documents ended. */
async function sustainableRate(options: OverloadOptions, run: Run, urls: readonly string[]) {
  const docIds: string[] = [];
  const submit = async (count: number) => {
    docIds.push(...(await submitUrls(run.apiUrl, urls.slice(docIds.length, docIds.length + count))));
  };
  const read = async () => toProgress(await accountFor(run.admin, run.queues, run.es, run.prefix, docIds));
  const perS = await saturatedRate(options.calibrationS * 1_000, options.calibrationWindow, { submit, read });
  const account = await untilEnded(run, docIds, options.drainTimeoutMs);
  if (account.pending.length > 0) throw new Error(`calibration did not end: ${account.pending.length} pending`);
  options.log(`calibration: ${docIds.length} URLs ended, ${perS.toFixed(1)} URLs/s at saturation`);
  return { docIds, perS };
}

function toProgress(account: RunAccount): Progress {
  return { ended: account.total - account.pending.length, pending: account.pending.length };
}

/** Polls the account every 2 s until nothing is pending or the time is up. */
async function untilEnded(run: Run, docIds: readonly string[], timeoutMs: number): Promise<RunAccount> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const account = await accountFor(run.admin, run.queues, run.es, run.prefix, docIds);
    if (account.pending.length === 0 || Date.now() > deadline) return account;
    await sleep(2_000);
  }
}

async function overloadAndDrain(options: OverloadOptions, run: Run, urls: readonly string[], perS: number) {
  const started = Date.now();
  const samples: Sample[] = [];
  const sampler = setInterval(() => {
    void takeSample(run.sources, started).then((sample) => {
      samples.push(sample);
      options.log(sampleLine(sample));
    }, options.log);
  }, options.sampleEveryMs);
  try {
    const producer = submitOpenLoop(run.apiUrl, urls, perS, options.giveUpMs);
    await producer.settled;
    const lastArrival = Date.now();
    options.log(
      `${producer.docIds.length} of ${urls.length} URLs accepted (${producer.tally.refusedPosts} POSTs answered 503 first); draining`,
    );
    await untilEnded(run, producer.docIds, options.drainTimeoutMs);
    const drainS = (Date.now() - lastArrival) / 1000;
    return {
      docIds: producer.docIds,
      intake: producer.tally,
      max: sampleMaxima(samples),
      drainS,
      samples: samples.length,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** What the overload itself must not do: refuse without Retry-After, answer anything else, let Redis pass its bound. */
function overloadProblems(options: OverloadOptions, intake: IntakeTally, max: SampleMaxima): string[] {
  const problems: string[] = [];
  if (intake.errors.length > 0)
    problems.push(`intake errors ${intake.errors.length}: ${intake.errors.slice(0, 3).join('; ')}`);
  if (intake.heldBackUrls > 0 && !options.holdBackExpected)
    problems.push(`URLs refused for ${options.giveUpMs / 1000} s and held back: ${intake.heldBackUrls}`);
  if (max.redisMb > options.redisBoundMb)
    problems.push(`Redis used ${max.redisMb.toFixed(1)} MB, past INTAKE_MAX_REDIS_MEMORY_MB ${options.redisBoundMb}`);
  if (intake.refusedWithoutRetryAfter > 0) problems.push(`503 without Retry-After: ${intake.refusedWithoutRetryAfter}`);
  return problems;
}
