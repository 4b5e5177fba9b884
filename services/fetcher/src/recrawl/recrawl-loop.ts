import type { Queue } from 'bullmq';
import { jobIds } from '@newsflow/contracts';
import type { FetchJob } from '@newsflow/contracts';
import type { BacklogGate, RecrawlEntry, RecrawlSchedule, StageQueue } from '@newsflow/runtime';

export interface RecrawlLoop {
  stop(): Promise<void>;
  /** One tick now (tests, the bench): the number of re-fetches queued. */
  tick(): Promise<number>;
}

export interface RecrawlLoopOptions {
  tickMs: number;
  /** Most entries claimed per tick. */
  batch?: number;
  /** How long a claimed entry is held before another fetcher may take it (a claimer that died). */
  leaseMs?: number;
  onError: (error: unknown) => void;
}

/**
 * Every tick, due re-crawls become fetch jobs on the ordinary fetch queue, so robots.txt, per-host
 * pacing and the SSRF guard apply as to any fetch. The schedule is claimed (leased), the job added
 * under its deterministic id (`fetch-<docId>-r<step>`), then the entry moved on: a fetcher that dies
 * between the two leaves the lease to run out, and the next claim adds a job that already exists
 * (a no-op) and moves the entry on. While the backlog is over its bound nothing is claimed.
 */
export function startRecrawlLoop(
  schedule: RecrawlSchedule,
  queue: StageQueue<'fetch'>,
  backlog: BacklogGate | undefined,
  options: RecrawlLoopOptions,
): RecrawlLoop {
  const batch = options.batch ?? 200;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const tick = async (): Promise<number> => {
    if (!schedule.enabled || (backlog && !(await backlog.check()).open)) return 0;
    const due = await schedule.claimDue(Date.now(), batch, leaseMs);
    if (due.length === 0) return 0;
    await (queue as Queue).addBulk(due.map(recrawlJobOf));
    await Promise.all(due.map((entry) => schedule.advance(entry)));
    return due.length;
  };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(tick).catch(options.onError);
  }, options.tickMs);
  return {
    tick: () => {
      const result = running.then(tick);
      running = result.catch(() => undefined);
      return result;
    },
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}

export function recrawlJobOf(entry: RecrawlEntry) {
  const data: FetchJob = {
    url: entry.url,
    ...(entry.fetchUrl === undefined ? {} : { fetchUrl: entry.fetchUrl }),
    docId: entry.docId,
    submittedAt: new Date().toISOString(),
    source: { kind: 'recrawl', ref: `step ${entry.step}` },
    recrawl: entry.step,
  };
  return { name: 'fetch' as const, data, opts: { jobId: jobIds.fetch(data) } };
}
