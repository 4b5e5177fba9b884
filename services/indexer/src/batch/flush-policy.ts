/**
 * When a gathering batch is sent: by count, by bytes or by age, whichever comes first, and soon
 * when no request is in flight (Elasticsearch idle): under light load documents then go out after
 * lingerMs rather than flushMs, and under heavy load batches grow by themselves while requests are
 * in flight.
 */
export interface FlushLimits {
  maxDocs: number;
  maxBytes: number;
  flushMs: number;
  /**
   * How long the oldest document waits for others while no request is in flight (0: none). A
   * trickle of one-document bulk requests cost Elasticsearch several times its CPU per document
   * in full batches (each request is a translog sync); a short linger gathers a few.
   */
  lingerMs?: number;
}

export interface PendingBatch {
  count: number;
  bytes: number;
  /** Time (ms) the oldest pending item arrived, or null when empty. */
  oldestAt: number | null;
  /** Bulk requests currently in flight. */
  inFlight: number;
}

export type FlushReason = 'count' | 'bytes' | 'time' | 'idle';

/** Pure: why the batch should go now, or null if it may keep gathering. */
export function flushReason(batch: PendingBatch, limits: FlushLimits, now: number): FlushReason | null {
  if (batch.count === 0 || batch.oldestAt === null) return null;
  if (batch.count >= limits.maxDocs) return 'count';
  if (batch.bytes >= limits.maxBytes) return 'bytes';
  if (now - batch.oldestAt >= limits.flushMs) return 'time';
  if (batch.inFlight === 0 && now - batch.oldestAt >= (limits.lingerMs ?? 0)) return 'idle';
  return null;
}

/** Pure: how long until the age limit fires for a non-empty batch (0 = due now). */
export function msUntilDue(batch: PendingBatch, limits: FlushLimits, now: number): number | null {
  if (batch.count === 0 || batch.oldestAt === null) return null;
  const wait = batch.inFlight === 0 ? Math.min(limits.flushMs, limits.lingerMs ?? 0) : limits.flushMs;
  return Math.max(0, batch.oldestAt + wait - now);
}

/**
 * Pure: how many of the queued items (sizes in bytes, or items and their size) make up the next
 * request: at most maxDocs, and at most maxBytes unless a single item alone is larger (it still
 * goes, alone).
 */
export function takeCount<T>(items: readonly T[], limits: FlushLimits, sizeOf: (item: T) => number = Number): number {
  let bytes = 0;
  let count = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (count >= limits.maxDocs) break;
    if (count > 0 && bytes + size > limits.maxBytes) break;
    bytes += size;
    count += 1;
  }
  return count;
}
