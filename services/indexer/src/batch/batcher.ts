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

type Settled = { item: Item; outcome: ItemOutcome };

/** What the gathering side gives the sending side: a way to put an item back, and "request done". */
interface Lane {
  requeue(item: Item): void;
  /** The request is answered: another may go out while this one's items are settled. */
  sent(): void;
}

/**
 * Gathers ops from many concurrent jobs into `_bulk` requests, flushed by count, bytes or age,
 * and settles each job's promise from its own item in the response.
 */
export function createBatcher(options: BatcherOptions): Batcher {
  const dispatch = async (items: Item[], lane: Lane): Promise<void> => {
    const started = performance.now();
    let settled: Settled[];
    try {
      settled = await requestOutcomes(items, options);
    } finally {
      lane.sent();
    }
    options.onReport?.(reportOf(settled, performance.now() - started));
    await settleItems(settled, options, batcher, (item, reason) => retryItem(item, reason, options, lane.requeue));
  };
  const gatherer = createGatherer(options.limits, dispatch);
  const batcher: Batcher = {
    submit: (op) =>
      new Promise<SettledOutcome>((resolve, reject) =>
        gatherer.enqueue({ op, at: Date.now(), attempts: 0, resolve, reject }),
      ),
    get pending() {
      return gatherer.pending;
    },
  };
  return batcher;
}

interface GatherState {
  queue: Item[];
  queuedBytes: number;
  inFlight: number;
  timer: NodeJS.Timeout | undefined;
  timerDue: number;
}

/** The queue of ops waiting for a request, and the timer that sends them by age. */
function createGatherer(limits: BatcherLimits, dispatch: (items: Item[], lane: Lane) => Promise<void>) {
  const state: GatherState = { queue: [], queuedBytes: 0, inFlight: 0, timer: undefined, timerDue: 0 };
  const schedule = (): void => scheduleFlush(state, limits, flush);
  const enqueue = (item: Item): void => {
    state.queue.push(item);
    state.queuedBytes += item.op.bytes;
    schedule();
  };
  const lane: Lane = {
    requeue: enqueue,
    sent: () => {
      state.inFlight -= 1;
      schedule();
    },
  };
  const flush = (): void => {
    // Sizes read in place: the queue can hold thousands of items, and this runs once per request.
    const count = takeCount(state.queue, limits, sizeOfItem);
    const items = state.queue.splice(0, count);
    for (const item of items) state.queuedBytes -= item.op.bytes;
    state.inFlight += 1;
    void dispatch(items, lane)
      .catch((error: unknown) => {
        for (const item of items) item.reject(new StageError('es-unavailable', messageOf(error)));
      })
      .finally(() => schedule());
    schedule();
  };
  return {
    enqueue,
    get pending() {
      return state.queue.length + state.inFlight;
    },
  };
}

const sizeOfItem = (item: Item): number => item.op.bytes;

/** Called on every change; keeps an armed age timer when its due time is unchanged (cheap per job). */
function scheduleFlush(state: GatherState, limits: BatcherLimits, flush: () => void): void {
  const now = Date.now();
  const { queue, queuedBytes, inFlight } = state;
  const batch = { count: queue.length, bytes: queuedBytes, oldestAt: queue[0]?.at ?? null, inFlight };
  if (inFlight >= limits.maxInFlight) return disarm(state);
  if (flushReason(batch, limits, now)) {
    disarm(state);
    flush();
    return;
  }
  const wait = msUntilDue(batch, limits, now);
  if (wait === null) return disarm(state);
  if (state.timer && state.timerDue === now + wait) return;
  disarm(state);
  state.timerDue = now + wait;
  state.timer = setTimeout(() => {
    state.timer = undefined;
    scheduleFlush(state, limits, flush);
  }, wait);
}

function disarm(state: GatherState): void {
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
}

/** Sends one request and reads each item's outcome from the response. */
async function requestOutcomes(items: Item[], options: BatcherOptions): Promise<Settled[]> {
  try {
    const ops = options.prepare ? await options.prepare(items.map((item) => item.op)) : items.map((item) => item.op);
    ops.forEach((op, i) => (items[i]!.op = op));
    const body = bulkBody(ops, new Date());
    const response = await options.guard.run(() => options.send(body));
    return items.map((item, i) => ({ item, outcome: outcomeOf(item.op, response.items[i]) }));
  } catch (error) {
    // Outages never get here (the guard waits them out). Only a 400 for the whole request is about
    // its content and fails the jobs; anything else (a 413, or Redis failing in prepare) is resent later.
    const status = statusOf(error);
    const reason = `bulk request failed: ${messageOf(error)}`;
    const outcome: ItemOutcome = status === 400 ? { outcome: 'reject', reason } : { outcome: 'retry', reason };
    return items.map((item) => ({ item, outcome }));
  }
}

async function settleItems(
  settled: Settled[],
  options: BatcherOptions,
  batcher: Batcher,
  retry: (item: Item, reason: string) => void,
): Promise<void> {
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
}

function retryItem(item: Item, reason: string, options: BatcherOptions, requeue: (item: Item) => void): void {
  item.attempts += 1;
  if (item.attempts > options.limits.itemRetries) {
    item.reject(new StageError('es-unavailable', `gave up after ${item.attempts} tries: ${reason}`));
    return;
  }
  setTimeout(() => requeue({ ...item, at: Date.now() }), backoffMs(item.attempts, options.backoff));
}

/** One pass over the request's items (this runs for every request of up to maxDocs items). */
function reportOf(settled: ReadonlyArray<{ outcome: ItemOutcome }>, tookMs: number): BulkReport {
  let rejected = 0;
  let retried = 0;
  for (const { outcome } of settled) {
    if (outcome.outcome === 'reject') rejected += 1;
    else if (outcome.outcome === 'retry') retried += 1;
  }
  return { documents: settled.length - rejected - retried, rejected, retried, tookMs };
}

function outcomeOf(op: BulkOp, entry: Partial<Record<string, BulkItemResult>> | undefined): ItemOutcome {
  const result = entry ? firstValue(entry) : undefined;
  if (!result) return { outcome: 'retry', reason: 'no result for this item in the bulk response' };
  return classifyItem(op.kind, result);
}

/** The one entry of a bulk response item (keyed by its action), without an array per item. */
function firstValue<V>(entry: Partial<Record<string, V>>): V | undefined {
  for (const key in entry) return entry[key];
  return undefined;
}
