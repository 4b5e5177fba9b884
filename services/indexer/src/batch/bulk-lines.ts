import type { EsArticle } from '@newsflow/search';

/** One bulk operation, already serialised (action line + source line), with its size. */
export interface BulkOp {
  kind: 'upsert' | 'update';
  id: string;
  index: string;
  /** For upserts: the document and its version, so it can be patched and re-serialised. */
  document?: EsArticle;
  version?: number;
  /** NDJSON lines without the trailing newline (the client joins them). */
  lines: [string, string];
  bytes: number;
}

function op(kind: BulkOp['kind'], id: string, index: string, action: unknown, source: unknown): BulkOp {
  const lines: [string, string] = [JSON.stringify(action), JSON.stringify(source)];
  return { kind, id, index, lines, bytes: Buffer.byteLength(lines[0]) + Buffer.byteLength(lines[1]) + 2 };
}

/**
 * Whole-document write under the deterministic _id with the external version (fetch time):
 * `external_gte` makes a replay of the same fetch a harmless rewrite and an older fetch a 409.
 */
export function upsertOp(index: string, document: EsArticle, version: number): BulkOp {
  const action = { index: { _index: index, _id: document.docId, version, version_type: 'external_gte' } };
  return { ...op('upsert', document.docId, index, action, document), document, version };
}

/** Partial update guarded by optimistic concurrency: it applies only if nobody wrote in between. */
export function conditionalUpdateOp(index: string, id: string, seqNo: number, primaryTerm: number, doc: Record<string, unknown>): BulkOp {
  return op('update', id, index, { update: { _index: index, _id: id, if_seq_no: seqNo, if_primary_term: primaryTerm } }, { doc });
}
