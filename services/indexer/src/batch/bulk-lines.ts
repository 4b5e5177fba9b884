/** One bulk operation: its action line, its source line (bytes from the payload, or JSON), its size. */
export interface BulkOp {
  kind: 'upsert' | 'update';
  id: string;
  index: string;
  action: string;
  /** An upsert's source is the stored document without `indexedAt`, which is stamped when sent. */
  source: Buffer | string;
  /** For upserts: the external version, and the last cluster merge already written into the source. */
  version?: number;
  mergeSeq?: number;
  bytes: number;
}

function op(
  kind: BulkOp['kind'],
  id: string,
  index: string,
  action: unknown,
  source: Buffer | string,
  version?: number,
  mergeSeq?: number,
): BulkOp {
  const line = JSON.stringify(action);
  const framing = 2 + (kind === 'upsert' ? STAMP_BYTES - 1 : 0);
  const bytes = Buffer.byteLength(line) + Buffer.byteLength(source) + framing;
  // One object of one shape per op (no spread of optional fields): thousands are made a second.
  return { kind, id, index, action: line, source, version, mergeSeq, bytes };
}

/**
 * Whole-document write under the deterministic _id with the external version (fetch time):
 * `external_gte` makes a replay of the same fetch a harmless rewrite and an older fetch a 409.
 */
export function upsertOp(
  index: string,
  id: string,
  version: number,
  source: Buffer | string,
  mergeSeq?: number,
): BulkOp {
  const action = { index: { _index: index, _id: id, version, version_type: 'external_gte' } };
  return op('upsert', id, index, action, source, version, mergeSeq);
}

/** Partial update guarded by optimistic concurrency: it applies only if nobody wrote in between. */
export function conditionalUpdateOp(
  index: string,
  id: string,
  seqNo: number,
  primaryTerm: number,
  doc: Record<string, unknown>,
): BulkOp {
  return op(
    'update',
    id,
    index,
    { update: { _index: index, _id: id, if_seq_no: seqNo, if_primary_term: primaryTerm } },
    JSON.stringify({ doc }),
  );
}

/**
 * The `_bulk` body, assembled from the ops' bytes without parsing them: an upsert's source gets
 * `"indexedAt"` as its first field (its sources never carry one, so no field is duplicated). The
 * body is one buffer of the size the ops counted, written in place: no buffer per line.
 */
export function bulkBody(ops: readonly BulkOp[], indexedAt: Date): Buffer {
  const stamp = `{"indexedAt":${JSON.stringify(indexedAt.toISOString())},`;
  const stampBytes = Buffer.byteLength(stamp);
  let size = 0;
  for (const bulkOp of ops) size += bulkOp.bytes + (bulkOp.kind === 'upsert' ? stampBytes - STAMP_BYTES : 0);
  const body = Buffer.allocUnsafe(size);
  let at = 0;
  for (const bulkOp of ops) {
    at += body.write(bulkOp.action, at);
    body[at++] = NEWLINE;
    if (bulkOp.kind === 'upsert') at += body.write(stamp, at);
    at += writeSource(body, at, bulkOp.source, bulkOp.kind === 'upsert' ? 1 : 0);
    body[at++] = NEWLINE;
  }
  // Buffer.write stops at the end rather than overflow: a short count means a size was miscounted.
  if (at !== size) throw new Error(`bulk body: ${at} bytes written, ${size} counted`);
  return body;
}

/** Writes the source from byte `skip` on (an upsert's opening brace gives way to the stamp). */
function writeSource(body: Buffer, at: number, source: Buffer | string, skip: number): number {
  if (typeof source === 'string') return body.write(skip ? source.slice(skip) : source, at);
  return source.copy(body, at, skip);
}

/** A source line the stamp can be put into: a JSON object with at least one field. */
export function isObjectLine(line: Buffer): boolean {
  return line.length > 2 && line[0] === OPEN_BRACE && line[line.length - 1] === CLOSE_BRACE && line[1] !== CLOSE_BRACE;
}

const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** `{"indexedAt":"2026-11-21T10:00:00.000Z",`, which replaces an upsert source's opening brace. */
const STAMP_BYTES = 40;
