// Which errors mean "Redis is not reachable right now" rather than a bug or bad input, so a job
// that met one fails (and is retried) as redis-unavailable instead of `unknown`. They are what
// ioredis raises while a server restarts or a Redis Cluster fails over: a closed connection, a
// command out of retries, a cluster with no live node, and the topology replies of a cluster in
// motion (CLUSTERDOWN, MOVED/ASK past the redirection limit, TRYAGAIN, LOADING, READONLY).
import { StageError } from '@newsflow/contracts';

const ERROR_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);
const REPLY = /^(CLUSTERDOWN|MOVED|ASK|TRYAGAIN|LOADING|READONLY|MASTERDOWN)\b/;
const MESSAGES = [
  /^Connection is closed\.?$/,
  /^Too many Cluster redirections/,
  /^None of startup nodes is available/,
  /^Failed to refresh slots cache/,
  /^Stream isn't writeable/,
];

export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (ERROR_NAMES.has(error.name)) return true;
  if (error.name === 'ReplyError' && REPLY.test(error.message)) return true;
  return MESSAGES.some((pattern) => pattern.test(error.message));
}

/** The error as a transient redis-unavailable StageError when it is one, else unchanged. */
export function asRedisFailure(error: unknown): unknown {
  if (!isRedisUnavailable(error)) return error;
  return new StageError('redis-unavailable', (error as Error).message, { cause: error });
}

/**
 * Runs `attempt` again while it fails with Redis unavailable, every `stepMs`, for up to `forMs`
 * (about one Cluster failover): what must not be lost or cost a job's retry backoff (an outbox
 * flush, a metrics write) rides out the failover and goes on the moment Redis answers. Any other
 * error, or one past the window, is thrown.
 */
export async function retryWhileRedisUnavailable<T>(
  attempt: () => Promise<T>,
  options: { forMs?: number; stepMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.forMs ?? 15_000);
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRedisUnavailable(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.stepMs ?? 250));
    }
  }
}
