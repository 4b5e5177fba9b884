// The faults of one run, in order, each written down as it happens (kind, target, when, how long,
// how soon the stage it hit made progress again). Phases run one after another so every fault
// lands on a pipeline that is busy (a wave of URLs goes in before each) and is measured alone.
import type { RunLedgerFault } from '@newsflow/contracts';
import type { QueueName } from '@newsflow/contracts';
import type { HttpFaultMode, HttpFaultProxy } from '@newsflow/testkit';
import type { AofRedis } from './redis-aof.ts';
import { FAULT_STAGES } from './worker-fleet.ts';
import type { FaultStage, WorkerFleet } from './worker-fleet.ts';

export interface FaultPlan {
  /** rounds of kill -9, one random worker of every stage per round (4 kills a round) */
  killRounds: number;
  /** SIGSTOP this long (more than the lock plus a stalled-check interval, so the lock is lost) */
  freezeMs: number;
  redisRestarts: number;
  /** Elasticsearch unreachable (connections reset) through the proxy */
  esDownMs: number;
  /** the proxy answering 429, then 503, each this long */
  esStatusMs: number;
}

export interface ScheduleContext {
  fleet: WorkerFleet;
  /** the run's NEWSFLOW_INDEX_PREFIX */
  indexPrefix: string;
  /** completed jobs of a queue so far (throws while Redis is down) */
  completed(queue: QueueName): Promise<number>;
  /** set once the run has drained: a stage with nothing left to do will not make progress */
  drained: boolean;
  /** a uniform integer in [0, n) from the run's seeded generator */
  pick(n: number): number;
  log(line: string): void;
}

export const STAGE_QUEUE: Record<FaultStage, QueueName> = {
  fetcher: 'fetch',
  cleaner: 'clean',
  dedupe: 'dedupe',
  indexer: 'index',
};

const RECOVERY_TIMEOUT_MS = 180_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * ms from `since` until the queue's completed count passes what it was when the fault ended;
 * null when it never does within the timeout (no work left for it, or the stage stuck).
 */
export async function recoveryOf(context: ScheduleContext, queue: QueueName, since: number): Promise<number | null> {
  let before: number | undefined;
  while (Date.now() - since < RECOVERY_TIMEOUT_MS && !context.drained) {
    const now = await context.completed(queue).catch(() => undefined);
    if (now !== undefined && before === undefined) before = now;
    else if (now !== undefined && before !== undefined && now > before) return Date.now() - since;
    await sleep(100);
  }
  return null;
}

/** One fault: run it, then measure recovery in the background so the next one need not wait. */
/** A server fault: what it is, the queue whose progress shows recovery, and how to cause it (returns its target). */
export interface Fault {
  kind: string;
  queue: QueueName;
  run: () => Promise<string>;
}

export function record(context: ScheduleContext, faults: Promise<RunLedgerFault>[], fault: Fault): Promise<void> {
  const at = new Date();
  return fault.run().then((target) => {
    const ended = Date.now();
    context.log(`${fault.kind} ${target} (${ended - at.getTime()} ms)`);
    faults.push(
      recoveryOf(context, fault.queue, ended).then((recoveryMs) => ({
        kind: fault.kind,
        target,
        at: at.toISOString(),
        durationMs: fault.kind === 'kill-worker' ? 0 : ended - at.getTime(),
        recoveryMs,
      })),
    );
  });
}

export async function killRound(context: ScheduleContext, faults: Promise<RunLedgerFault>[]): Promise<void> {
  for (const stage of FAULT_STAGES) {
    await record(context, faults, {
      kind: 'kill-worker',
      queue: STAGE_QUEUE[stage],
      run: () => context.fleet.killAndRestart(stage, context.pick),
    });
    await sleep(500);
  }
}

export async function freezeWorker(context: ScheduleContext, faults: Promise<RunLedgerFault>[], ms: number) {
  const stage = FAULT_STAGES[context.pick(FAULT_STAGES.length)]!;
  await record(context, faults, {
    kind: 'sigstop-worker',
    queue: STAGE_QUEUE[stage],
    run: () => context.fleet.freeze(stage, context.pick, ms),
  });
}

/** kill -9 of the run's Redis, restarted from its AOF a second later. */
export function redisRestart(redis: AofRedis): Fault {
  return {
    kind: 'redis-restart',
    queue: 'fetch',
    run: async () => {
      await redis.kill();
      await sleep(1_000);
      await redis.restart();
      return `redis ${redis.url} (kill -9, restarted from its AOF)`;
    },
  };
}

/** The fault proxy in front of Elasticsearch resetting connections or answering a status for a while. */
export function esProxyFault(
  proxy: HttpFaultProxy,
  fault: { mode: Exclude<HttpFaultMode, 'pass'>; ms: number },
): Fault {
  return {
    kind: fault.mode === 'down' ? 'es-down' : `es-http-${fault.mode}`,
    queue: 'index',
    run: async () => {
      proxy.setMode(fault.mode);
      await sleep(fault.ms);
      proxy.setMode('pass');
      return `elasticsearch via proxy ${proxy.url}`;
    },
  };
}
