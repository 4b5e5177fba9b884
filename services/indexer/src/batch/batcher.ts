import { StageError } from '@newsflow/contracts';
import type { EsGuard } from '../es-guard.ts';
import { messageOf, statusOf } from '../es-guard.ts';
import { backoffMs } from './backoff.ts';
import type { BackoffOptions } from './backoff.ts';
import { bulkBody } from './bulk-lines.ts';
import type { BulkOp } from './bulk-lines.ts';
import { classifyItem } from './classify-item.ts';
import type { BulkItemResult, ItemOutcome } from './classify-item.ts';
import { flushReason, msUntilDue, takeCount } from './flush-policy.ts';
import type { FlushLimits } from './flush-policy.ts';

export interface BatcherLimits extends FlushLimits {
  /** Bulk requests in flight at once; the next batch gathers while one is sent. */
  maxInFlight: number;
  /** Resends of one item answered 429/5xx before its job fails as es-unavailable (and BullMQ retries it later). */
  itemRetries: number;
}

/** The part of a `_bulk` response the batcher reads: one entry per op, keyed by its action. */
export interface BulkResponseLike {
  items: Array<Partial<Record<string, BulkItemResult>>>;
}

export interface BulkReport {
  documents: number;
  rejected: number;
  retried: number;
  tookMs: number;
}

export interface BatcherOptions {
  limits: BatcherLimits;
  backoff: BackoffOptions;
  guard: EsGuard;
  /** Sends one `_bulk` body (NDJSON). */
  send(body: Buffer): Promise<BulkResponseLike>;
  /** Last look at the ops before they are sent (e.g. to apply cluster merges recorded meanwhile). */
  prepare?(ops: BulkOp[]): Promise<BulkOp[]>;
  /** Runs after Elasticsearch acknowledged ops, before their jobs complete; may submit more ops. */
  afterAck?(ops: BulkOp[], batcher: Batcher): Promise<void>;
  onReport?(report: BulkReport): void;
}

export type SettledOutcome = Extract<ItemOutcome, { outcome: 'ok' | 'stale' | 'conflict' | 'missing' }>['outcome'];

export interface Batcher {
  /** Resolves once Elasticsearch answered for this op; rejects with a StageError saying why it failed. */
  submit(op: BulkOp): Promise<SettledOutcome>;
  readonly pending: number;
}

interface Item {
  op: BulkOp;
  at: number;
  attempts: number;
  resolve(outcome: SettledOutcome): void;
  reject(error: Error): void;
}

/**
 * Gathers ops from many concurrent jobs into `_bulk` requests, flushed by count, bytes or age,
 * and settles each job's promise from its own item in the response.
 */
export function createBatcher(options: BatcherOptions): Batcher {
  const { limits } = options;
  const queue: Item[] = [];
  let queuedBytes = 0;
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = 0;

  const disarm = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  /** Called on every change; keeps an armed age timer when its due time is unchanged (cheap per job). */
  const schedule = (): void => {
    const now = Date.now();
    const batch = { count: queue.length, bytes: queuedBytes, oldestAt: queue[0]?.at ?? null, inFlight };
    if (inFlight >= limits.maxInFlight) return disarm();
    if (flushReason(batch, limits, now)) {
      disarm();
      flush();
      return;
    }
    const wait = msUntilDue(batch, limits, now);
    if (wait === null) return disarm();
    if (timer && timerDue === now + wait) return;
    disarm();
    timerDue = now + wait;
    timer = setTimeout(() => {
      timer = undefined;
      schedule();
    }, wait);
  };

  const enqueue = (item: Item): void => {
    queue.push(item);
    queuedBytes += item.op.bytes;
    schedule();
  };

  const flush = (): void => {
    const count = takeCount(
      queue.map((item) => item.op.bytes),
      limits,
    );
    const items = queue.splice(0, count);
    for (const item of items) queuedBytes -= item.op.bytes;
    inFlight += 1;
    void sendBatch(items)
      .catch((error: unknown) => {
        for (const item of items) item.reject(new StageError('es-unavailable', messageOf(error)));
      })
      .finally(() => schedule());
    schedule();
  };

  const sendBatch = async (items: Item[]): Promise<void> => {
    const started = performance.now();
    let settled: Array<{ item: Item; outcome: ItemOutcome }>;
    try {
      const ops = options.prepare ? await options.prepare(items.map((item) => item.op)) : items.map((item) => item.op);
      ops.forEach((op, i) => (items[i]!.op = op));
      const body = bulkBody(ops, new Date());
      const response = await options.guard.run(() => options.send(body));
      settled = items.map((item, i) => ({ item, outcome: outcomeOf(item.op, response.items[i]) }));
    } catch (error) {
      // Outages never get here (the guard waits them out). Only a 400 for the whole request is about
      // its content and fails the jobs; anything else (a 413, or Redis failing in prepare) is resent later.
      const status = statusOf(error);
      const reason = `bulk request failed: ${messageOf(error)}`;
      const outcome: ItemOutcome = status === 400 ? { outcome: 'reject', reason } : { outcome: 'retry', reason };
      settled = items.map((item) => ({ item, outcome }));
    } finally {
      inFlight -= 1;
    }
    schedule();
    report(settled, performance.now() - started);
    await settle(settled);
  };

  const settle = async (settled: Array<{ item: Item; outcome: ItemOutcome }>): Promise<void> => {
    const acked = settled.filter(({ outcome }) => outcome.outcome === 'ok' || outcome.outcome === 'stale');
    let ackError: unknown;
    if (options.afterAck && acked.length > 0)
      await options
        .afterAck(
          acked.map(({ item }) => item.op),
          batcher,
        )
        .catch((error: unknown) => (ackError = error));
    for (const { item, outcome } of settled) {
      if (outcome.outcome === 'retry') retry(item, outcome.reason);
      else if (outcome.outcome === 'reject') item.reject(new StageError('es-rejected', outcome.reason));
      else if (ackError !== undefined && (outcome.outcome === 'ok' || outcome.outcome === 'stale'))
        item.reject(new StageError('es-unavailable', messageOf(ackError)));
      else item.resolve(outcome.outcome);
    }
  };

  const retry = (item: Item, reason: string): void => {
    item.attempts += 1;
    if (item.attempts > limits.itemRetries) {
      item.reject(new StageError('es-unavailable', `gave up after ${item.attempts} tries: ${reason}`));
      return;
    }
    setTimeout(() => enqueue({ ...item, at: Date.now() }), backoffMs(item.attempts, options.backoff));
  };

  const report = (settled: Array<{ outcome: ItemOutcome }>, tookMs: number): void => {
    const count = (kind: ItemOutcome['outcome']): number =>
      settled.filter(({ outcome }) => outcome.outcome === kind).length;
    options.onReport?.({
      documents: settled.length - count('reject') - count('retry'),
      rejected: count('reject'),
      retried: count('retry'),
      tookMs,
    });
  };

  const batcher: Batcher = {
    submit: (op) =>
      new Promise<SettledOutcome>((resolve, reject) => enqueue({ op, at: Date.now(), attempts: 0, resolve, reject })),
    get pending() {
      return queue.length + inFlight;
    },
  };
  return batcher;
}

function outcomeOf(op: BulkOp, entry: Partial<Record<string, BulkItemResult>> | undefined): ItemOutcome {
  const result = entry ? Object.values(entry)[0] : undefined;
  if (!result) return { outcome: 'retry', reason: 'no result for this item in the bulk response' };
  return classifyItem(op.kind, result);
}
