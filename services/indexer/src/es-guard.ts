import { StageError } from '@newsflow/contracts';
import { backoffMs, sleep } from './batch/backoff.ts';
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

/** Errors the Elasticsearch client raises when no answer came back at all. */
const TRANSPORT_ERRORS = new Set([
  'ConnectionError',
  'TimeoutError',
  'NoLivingConnectionsError',
  'RequestAbortedError',
  'SniffError',
]);
/** Answers about Elasticsearch as a whole: refused credentials, timeouts, overload. */
const UNAVAILABLE_STATUS = new Set([401, 403, 408, 429]);

/**
 * True for failures of Elasticsearch as a whole (network, timeout, overload, refused credentials),
 * not of a request's content. A bug of ours (a TypeError, say) is not an outage: waiting it out
 * would pause the indexer forever, so it is rethrown.
 */
export function isUnavailable(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined || status === 0) return TRANSPORT_ERRORS.has((error as Error | undefined)?.name ?? '');
  return UNAVAILABLE_STATUS.has(status) || status >= 500;
}

/**
 * One outage state shared by bulk writes and relabel reads: while Elasticsearch is unreachable the
 * call is retried with capped, jittered backoff for as long as it takes. The jobs stay active
 * (their locks are renewed by BullMQ) and the indexer stops taking new ones (onDown pauses the
 * worker), so nothing is dropped and no retry attempts are burnt by an outage.
 */
export function createEsGuard(backoff: BackoffOptions, hooks: EsGuardHooks): EsGuard {
  let down = false;
  let closed = false;
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
        await sleep(backoffMs(attempt, backoff));
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

/** The HTTP status an Elasticsearch client error carries, if it got an answer at all. */
export function statusOf(error: unknown): number | undefined {
  return (error as { meta?: { statusCode?: number } } | undefined)?.meta?.statusCode;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
