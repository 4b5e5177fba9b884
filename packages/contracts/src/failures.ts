/**
 * Reason codes a URL can fail with. Each is permanent (the job fails once) or transient (retried
 * with backoff); the code is stored on the failed job so failures can be listed and replayed.
 */
export const FAILURE_REASONS = {
  'invalid-payload': 'permanent',
  /** A handler handed on something its next stage would refuse: a bug in the stage, not bad input. */
  'invalid-output': 'permanent',
  'invalid-url': 'permanent',
  'ssrf-blocked': 'permanent',
  'robots-disallowed': 'permanent',
  /** robots.txt answered 5xx or could not be reached: RFC 9309 says assume disallowed, so retry later. */
  'robots-unavailable': 'transient',
  'http-4xx': 'permanent',
  'http-5xx': 'transient',
  'http-429': 'transient',
  timeout: 'transient',
  /** A redirect led to a host with no free slot for a while: the job is parked, as at admission. */
  'host-busy': 'transient',
  network: 'transient',
  /**
   * The server broke HTTP itself (headers past the size limit, bytes the parser rejects, a status
   * outside 100–599): the same server will answer the same way, so retrying for minutes helps nobody.
   */
  'protocol-error': 'permanent',
  'too-many-redirects': 'permanent',
  'too-large': 'permanent',
  'not-html': 'permanent',
  /** A feed or sitemap that is not RSS, Atom or a sitemap (or not well-formed XML). */
  'not-a-feed': 'permanent',
  /** Site discovery found no feed, no sitemap and no article link on the home page. */
  'nothing-found': 'permanent',
  'not-an-article': 'permanent',
  /** The extractor itself broke on the page: a bug to report, not a verdict on the page. */
  'extract-error': 'permanent',
  'blocked-page': 'permanent',
  'js-shell': 'permanent',
  /** The page crashed its browser tab (out of memory, a renderer bug): the same page will do it again. */
  'render-crashed': 'permanent',
  /** The browser itself went away mid-page: the pool starts a new one and the job is retried. */
  'browser-unavailable': 'transient',
  'es-rejected': 'permanent',
  /** An upsert job whose documents are no longer in Redis (expired, or deleted by hand). */
  'payload-missing': 'permanent',
  'es-unavailable': 'transient',
  /** Redis was unreachable (a restart, a Cluster failover, a lost connection): retried with backoff. */
  'redis-unavailable': 'transient',
  /**
   * The job lost its worker (killed, or frozen past its lock) more than WORKER_MAX_STALLS times: it
   * may be what kills the worker, so it is not tried again; listed, and replayable once looked at.
   */
  'worker-lost': 'permanent',
} as const satisfies Record<string, 'permanent' | 'transient'>;

export type FailureReason = keyof typeof FAILURE_REASONS;

export function isPermanent(reason: FailureReason): boolean {
  return FAILURE_REASONS[reason] === 'permanent';
}

/** Error carrying a reason code; workers turn permanent ones into BullMQ UnrecoverableErrors. */
export class StageError extends Error {
  override name = 'StageError';
  readonly reason: FailureReason;
  constructor(reason: FailureReason, message: string, options?: { cause?: unknown }) {
    super(`${reason}: ${message}`, options);
    this.reason = reason;
  }
}

/** Reads the reason code back from a failed job's message ("reason: detail"). */
export function reasonOf(failedReason: string | undefined): FailureReason | 'unknown' {
  const code = failedReason?.split(':', 1)[0]?.trim();
  return code !== undefined && code in FAILURE_REASONS ? (code as FailureReason) : 'unknown';
}

/**
 * Thrown by a handler that cannot run yet (a busy host, a robots.txt being fetched elsewhere): the
 * runtime parks the job until `until` (epoch ms) without using up an attempt or a worker slot.
 */
export class RetryLater extends Error {
  override name = 'RetryLater';
  readonly until: number;
  constructor(waitMs: number, reason = 'not yet') {
    super(`retry in ${Math.round(waitMs)} ms: ${reason}`);
    this.until = Date.now() + waitMs;
  }
}
