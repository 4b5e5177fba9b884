import { StageError } from '@newsflow/contracts';
import { backoffMs } from './batch/backoff.ts';
import type { BackoffOptions } from './batch/backoff.ts';

/** Calls to Elasticsearch that, when it is down or refusing, wait and retry instead of failing jobs. */
export interface EsGuard {
  run<T>(call: () => Promise<T>): Promise<T>;
  readonly isDown: boolean;
  /** Stops waiting: calls in an outage then fail with es-unavailable (so their jobs are retried later). */
  close(): void;
}

export interface EsGuardHooks {
  /** First failure of an outage (and each later one, with the attempt number). */
  onDown(error: unknown, attempt: number): void;
  /** A call succeeded after an outage. */
  onUp(): void;
}

/** A cheap request (cluster health) tried every everyMs while Elasticsearch gives no answer. */
export interface EsProbe {
  check(): Promise<unknown>;
  everyMs: number;
}

/** Errors the Elasticsearch client raises when no answer came back at all. */
const TRANSPORT_ERRORS = new Set([
  'ConnectionError',
  'TimeoutError',
  'NoLivingConnectionsError',
  'RequestAbortedError',
  'SniffError',
]);
/** Answers of a proxy or node that has no Elasticsearch behind it (yet): not a request to slow down. */
const UNREACHABLE_STATUS = new Set([502, 503, 504]);
/** Answers about Elasticsearch as a whole: refused credentials, timeouts, overload. */
const UNAVAILABLE_STATUS = new Set([401, 403, 408, 429]);

/**
 * True for failures of Elasticsearch as a whole (network, timeout, overload, refused credentials),
 * not of a request's content. A bug of ours (a TypeError, say) is not an outage: waiting it out
 * would pause the indexer forever, so it is rethrown.
 */
export function isUnavailable(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined || status === 0) return isTransportError(error);
  return UNAVAILABLE_STATUS.has(status) || status >= 500;
}

/**
 * True when Elasticsearch gave no answer at all, or none of its own (502/503/504): waiting the
 * full backoff would only delay the resume. A 429 or 401 is an answer asking us to wait, so it is
 * waited out with the backoff, probe or not.
 */
export function isUnreachable(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined || status === 0) return isTransportError(error);
  return UNREACHABLE_STATUS.has(status);
}

function isTransportError(error: unknown): boolean {
  return TRANSPORT_ERRORS.has((error as Error | undefined)?.name ?? '');
}

/**
 * One outage state shared by bulk writes and relabel reads: while Elasticsearch is unreachable the
 * call is retried with capped, jittered backoff for as long as it takes. The jobs stay active
 * (their locks are renewed by BullMQ) and the indexer stops taking new ones (onDown pauses the
 * worker), so nothing is dropped and no retry attempts are burnt by an outage. With a probe, a
 * wait after an unreachable Elasticsearch also ends as soon as the probe gets an answer, so the
 * indexer resumes about everyMs after Elasticsearch returns rather than up to a full backoff later.
 */
export function createEsGuard(backoff: BackoffOptions, hooks: EsGuardHooks, probe?: EsProbe): EsGuard {
  let down = false;
  let closed = false;
  const recovery = createRecoveryWatch(probe, () => closed);
  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await call();
        if (down) {
          down = false;
          hooks.onUp();
        }
        return result;
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        down = true;
        hooks.onDown(error, attempt);
        if (closed) throw new StageError('es-unavailable', `indexer closing during an outage: ${messageOf(error)}`);
        await waitUntil(backoffMs(attempt, backoff), isUnreachable(error) ? recovery.answered() : undefined);
      }
    }
  };
  return {
    run,
    get isDown() {
      return down;
    },
    close: () => {
      closed = true;
    },
  };
}

/**
 * One probe loop at a time, shared by every call waiting in the outage: answered() resolves once a
 * probe succeeds (or the guard closes, so that waiting calls fail at once).
 */
function createRecoveryWatch(probe: EsProbe | undefined, isClosed: () => boolean) {
  let pending: Promise<void> | undefined;
  const loop = async (active: EsProbe): Promise<void> => {
    while (!isClosed()) {
      await waitUntil(active.everyMs);
      if (
        await active.check().then(
          () => true,
          () => false,
        )
      )
        return;
    }
  };
  return {
    answered: (): Promise<void> | undefined => {
      if (probe === undefined) return undefined;
      pending ??= loop(probe).finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}

/** Waits ms, or less if `early` settles first (its timer then cleared, not left to hold the process). */
async function waitUntil(ms: number, early?: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await (early === undefined ? elapsed : Promise.race([elapsed, early]));
  clearTimeout(timer);
}

/** The HTTP status an Elasticsearch client error carries, if it got an answer at all. */
export function statusOf(error: unknown): number | undefined {
  return (error as { meta?: { statusCode?: number } } | undefined)?.meta?.statusCode;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
