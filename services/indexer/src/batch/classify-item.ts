import type { BulkOp } from './bulk-lines.ts';

/** What one bulk item's result means for its job. */
export type ItemOutcome =
  | { outcome: 'ok' }
  /** Upsert refused because a newer fetch is already indexed: the job is done, newer content stays. */
  | { outcome: 'stale' }
  /** Conditional update lost a race (someone wrote in between): re-read and try again. */
  | { outcome: 'conflict' }
  /** Update of a document that isn't indexed (yet). */
  | { outcome: 'missing' }
  /** Elasticsearch is busy or a shard is unavailable: resend later. */
  | { outcome: 'retry'; reason: string }
  /** The document itself is refused (mapping, validation): fail the job with the reason. */
  | { outcome: 'reject'; reason: string };

export interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string | null; caused_by?: { type?: string; reason?: string | null } } | undefined;
}

// The outcomes without a reason are shared: one per item of every bulk response would be garbage.
const OK: ItemOutcome = { outcome: 'ok' };
const STALE: ItemOutcome = { outcome: 'stale' };
const CONFLICT: ItemOutcome = { outcome: 'conflict' };
const MISSING: ItemOutcome = { outcome: 'missing' };

/** Pure: classifies one item of a `_bulk` response by status and error type. */
export function classifyItem(kind: BulkOp['kind'], item: BulkItemResult): ItemOutcome {
  const { status } = item;
  if (status >= 200 && status < 300) return OK;
  if (status === 409) return kind === 'upsert' ? STALE : CONFLICT;
  if (status === 404 && kind === 'update' && item.error?.type === 'document_missing_exception') return MISSING;
  const reason = describe(item);
  if (status === 429 || status >= 500 || item.error?.type === 'index_not_found_exception')
    return { outcome: 'retry', reason };
  return { outcome: 'reject', reason };
}

function describe(item: BulkItemResult): string {
  const error = item.error;
  if (!error) return `status ${item.status}`;
  const cause = error.caused_by?.reason ? ` (${error.caused_by.reason})` : '';
  return `${error.type ?? 'error'}: ${error.reason ?? 'no reason given'}${cause}`.slice(0, 1000);
}
