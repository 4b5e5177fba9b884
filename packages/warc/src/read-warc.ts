import { WARCParser } from 'warcio';
import type { LimitReader, WARCRecord } from 'warcio';

/** What a WARC record says about itself, before its body is read. */
export interface RecordMeta {
  warcType: string;
  /** WARC-Target-URI, or '' when the record has none (warcinfo). */
  targetUri: string;
  /** WARC-Date: when the page was fetched. */
  date: string;
  /** HTTP status of a response record; 0 for other records. */
  status: number;
  contentType: string | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
  /** Bytes of the record's block (HTTP headers and body) as the WARC declares them. */
  declaredBytes: number;
}

export interface WarcEntry {
  meta: RecordMeta;
  /** The decoded HTTP body (chunking and Content-Encoding undone), for selected records only. */
  body: Uint8Array | undefined;
  /** The selected record's body went past maxBodyBytes and was dropped. */
  tooLarge: boolean;
}

export interface ReadOptions {
  maxBodyBytes: number;
  /** Bodies are read only for the records this accepts; the others are skipped over unread. */
  select: (meta: RecordMeta) => boolean;
  /** Counts the archive's bytes as read (compressed for .warc.gz); the caller may pass its own. */
  consumed?: { bytes: number };
}

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The archive ends inside a record, or a record header is not WARC: what came before it stands. */
export class WarcFormatError extends Error {
  override name = 'WarcFormatError';
  readonly recordsRead: number;
  readonly offset: number;
  constructor(message: string, recordsRead: number, offset: number) {
    super(`${message} (after ${recordsRead} complete records, at byte ${offset})`);
    this.recordsRead = recordsRead;
    this.offset = offset;
  }
}

/**
 * Streams the records of a WARC or WARC.gz (per-record gzip members, as WARC writers make them;
 * warcio tells gzip from plain by the bytes). warcio ends quietly at a cut, so every record is read
 * to its declared end here and a shortfall is reported as truncation.
 */
export async function* readWarc(source: ByteSource, options: ReadOptions): AsyncGenerator<WarcEntry, void, undefined> {
  const consumed = options.consumed ?? { bytes: 0 };
  const parser = new WARCParser(counting(source, consumed));
  let recordsRead = 0;
  for (;;) {
    const record = await nextRecord(parser, recordsRead);
    if (!record) break;
    const meta = metaOf(record, recordsRead, parser.offset);
    // Taken before the body is read: warcio refuses the raw reader once decoding has begun.
    const raw = record.reader as LimitReader;
    const entry = options.select(meta)
      ? await readSelected(record, meta, options.maxBodyBytes)
      : await drain(raw, meta);
    if (raw.limit > 0)
      throw new WarcFormatError(
        `record of ${meta.targetUri || meta.warcType} is cut short`,
        recordsRead,
        parser.offset,
      );
    recordsRead++;
    yield entry;
  }
  if (recordsRead === 0) throw new WarcFormatError('no WARC record found', 0, 0);
  // pako keeps a cut gzip member's output to itself, so no record shows the cut: the bytes do.
  const reader = parser._reader;
  if (reader.compressed && reader.getRawOffset() < consumed.bytes)
    throw new WarcFormatError('archive ends inside a gzip member', recordsRead, reader.getRawOffset());
}

async function* counting(source: ByteSource, consumed: { bytes: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    consumed.bytes += chunk.byteLength;
    yield chunk;
  }
}

async function nextRecord(parser: WARCParser, recordsRead: number): Promise<WARCRecord | null> {
  try {
    return await parser.parse();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WarcFormatError(`unreadable record header: ${reason}`, recordsRead, parser.offset);
  }
}

function metaOf(record: WARCRecord, recordsRead: number, offset: number): RecordMeta {
  const declared = record.warcHeaders.headers.get('Content-Length') ?? '';
  if (!record.warcHeaders.statusline.startsWith('WARC/') || !/^\d+$/.test(declared.trim()))
    throw new WarcFormatError('not a WARC record header', recordsRead, offset);
  const http = record.httpHeaders?.headers;
  return {
    warcType: record.warcType ?? '',
    targetUri: record.warcTargetURI ?? '',
    date: record.warcDate ?? '',
    status: Number(record.httpHeaders?.statusCode ?? 0) || 0,
    contentType: http?.get('content-type') ?? undefined,
    etag: http?.get('etag') ?? undefined,
    lastModified: http?.get('last-modified') ?? undefined,
    declaredBytes: Number(declared),
  };
}

async function readSelected(record: WARCRecord, meta: RecordMeta, maxBytes: number): Promise<WarcEntry> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record.contentReader) {
    size += chunk.byteLength;
    // Past the cap the rest is still read (to reach the next record) but not kept.
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) return { meta, body: undefined, tooLarge: true };
  return { meta, body: Buffer.concat(chunks, size), tooLarge: false };
}

async function drain(raw: LimitReader, meta: RecordMeta): Promise<WarcEntry> {
  // Iterated, not skipFully(): warcio's skip loops for ever on a stream that ends early.
  for await (const chunk of raw) void chunk;
  return { meta, body: undefined, tooLarge: false };
}
