import { queueKey } from '@newsflow/runtime';
import { setTimeout as sleep } from 'node:timers/promises';
import { indexNames } from '@newsflow/search';
import { quantile } from '../measure/stats.ts';
import type { RunContext } from './run-context.ts';
import { STAGES, submitUrls } from './run-context.ts';

export interface LatencyResult {
  ratePerSecond: number;
  seconds: number;
  submitted: number;
  /** enqueue → searchable, ms, of URLs submitted after the warm-up */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  measured: number;
  failed: number;
  /** still neither searchable nor failed when the drain deadline passed */
  lost: number;
}

export interface OpenLoopOptions {
  ratePerSecond: number;
  seconds: number;
  /** latencies of URLs submitted in the first `warmupSeconds` are not counted */
  warmupSeconds: number;
  /** called every tick, e.g. to sample memory in a soak */
  onTick?: (elapsedMs: number) => Promise<void> | void;
}

const TICK_MS = 100;

/**
 * Open-loop load: URLs are submitted at a fixed rate whatever the pipeline does (not a burst, not
 * closed-loop), and each URL's enqueue→searchable time is observed by asking Elasticsearch's
 * search (not get: search sees only refreshed documents) for the ids still pending, every 100 ms.
 */
export async function runOpenLoop(
  context: RunContext,
  urls: readonly string[],
  options: OpenLoopOptions,
): Promise<LatencyResult> {
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  const started = performance.now();
  const warmupEnd = started + options.warmupSeconds * 1000;
  const total = Math.min(urls.length, Math.floor(options.ratePerSecond * options.seconds));
  let submitted = 0;
  let failed = 0;
  const submitter = (async () => {
    while (submitted < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * options.ratePerSecond));
      if (due > submitted) {
        const at = performance.now();
        const ids = await submitUrls(context, urls.slice(submitted, due));
        for (const id of ids) pending.set(id, at);
        submitted = due;
      }
      await options.onTick?.(performance.now() - started);
      await sleep(TICK_MS);
    }
  })();
  const drainDeadline = () => started + options.seconds * 1000 + 120_000;
  let lastFailureCheck = 0;
  while (submitted < total || (pending.size > 0 && performance.now() < drainDeadline())) {
    for (const [id, at] of await newlySearchable(context, [...pending.keys()])) {
      const submittedAt = pending.get(id) ?? at;
      if (submittedAt >= warmupEnd) latencies.push(at - submittedAt);
      pending.delete(id);
    }
    if (performance.now() - lastFailureCheck > 2000) {
      failed += await dropFailed(context, pending);
      lastFailureCheck = performance.now();
    }
    await sleep(TICK_MS);
  }
  await submitter;
  return {
    ratePerSecond: options.ratePerSecond,
    seconds: (performance.now() - started) / 1000,
    submitted,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
    measured: latencies.length,
    failed,
    lost: pending.size,
  };
}

async function newlySearchable(context: RunContext, ids: string[]): Promise<Array<[string, number]>> {
  const found: Array<[string, number]> = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const values = ids.slice(i, i + 1000);
    const result = await context.es
      .search({
        index: indexNames(context.prefix).readAlias,
        query: { ids: { values } },
        _source: false,
        size: values.length,
      })
      .catch(() => undefined);
    const at = performance.now();
    for (const hit of result?.hits.hits ?? []) if (hit._id) found.push([hit._id, at]);
  }
  return found;
}

/** Pending URLs whose job failed for good at some stage: they end failed, not searchable. */
async function dropFailed(context: RunContext, pending: Map<string, number>): Promise<number> {
  let dropped = 0;
  for (const stage of STAGES) {
    const ids = await context.redis.zrange(queueKey(context.prefix, stage, 'failed'), 0, -1);
    for (const id of ids) {
      const docId = id.slice(stage.length + 1);
      if (pending.delete(docId)) dropped++;
    }
  }
  return dropped;
}
