export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Pure: exponential backoff with "equal jitter" (half fixed, half random), so many indexers
 * retrying after the same outage don't hammer Elasticsearch in lockstep.
 */
export function backoffMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
