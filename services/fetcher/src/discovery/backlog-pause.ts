import { RetryLater } from '@newsflow/contracts';
import type { BacklogGate } from '@newsflow/runtime';

/**
 * Discovery (feeds, sitemaps, sites, section pages) turns one job into up to thousands: while the
 * backlog is over its bound (INTAKE_MAX_BACKLOG, INTAKE_MAX_REDIS_MEMORY_MB) or Redis cannot be
 * read, it waits (the job is parked, nothing fetched, nothing added) and looks again after
 * INTAKE_RETRY_AFTER_SECONDS. Article fetches go on meanwhile: they drain the backlog.
 */
export async function pauseWhileBacklogged(gate: BacklogGate | undefined): Promise<void> {
  if (!gate) return;
  const verdict = await gate.check();
  if (verdict.open) return;
  throw new RetryLater(verdict.retryAfterSeconds * 1000, `discovery paused: ${verdict.reason}`);
}
