import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createUnzip } from 'node:zlib';
import { StageError } from '@newsflow/contracts';

/**
 * Reads a response body, decoding gzip/deflate/br while streaming. Both the bytes on the wire
 * and the decoded bytes are capped: the stream is torn down as soon as either passes `maxBytes`,
 * so a 10 GB bomb costs at most one more zlib chunk than the cap.
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  options: ReadOptions = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let decoded = 0;
  // The first cap violation is the real reason; tearing the pipeline down raises secondary errors.
  const over = { error: undefined as StageError | undefined, truncated: false };
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      if (decoded + chunk.byteLength > maxBytes) {
        if (!options.truncate)
          throw (over.error = new StageError('too-large', `body exceeds ${maxBytes} bytes after decompression`));
        chunks.push(chunk.subarray(0, maxBytes - decoded));
        decoded = maxBytes;
        over.truncated = true;
        throw new Error('truncated');
      }
      decoded += chunk.byteLength;
      chunks.push(chunk);
    }
  };
  // The wire cap only guards against bombs; when truncating, the decoded cap is the one that counts.
  const stages = [wireCounter(options.truncate ? maxBytes * 64 : maxBytes, over), ...decodersFor(contentEncoding)];
  // pipeline's overloads cannot type a spread of stages; the runtime signature is variadic.
  const run = pipeline as unknown as (...streams: unknown[]) => Promise<void>;
  try {
    await run(body, ...stages, collect, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    // Stopping early tears the pipeline down with whatever error the upstream raises.
    if (!over.truncated) throw over.error ?? error;
  }
  return Buffer.concat(chunks, decoded);
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Keep the first maxBytes instead of failing (robots.txt: RFC 9309 parses the first 500 KiB). */
  truncate?: boolean;
}

function wireCounter(maxBytes: number, over: { error: StageError | undefined }): Transform {
  let wire = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      wire += chunk.byteLength;
      if (wire > maxBytes)
        callback((over.error = new StageError('too-large', `body exceeds ${maxBytes} bytes on the wire`)));
      else callback(null, chunk);
    },
  });
}

/** Decoders in the order to apply them: Content-Encoding lists codings in the order applied. */
export function decodersFor(header: string | undefined): Transform[] {
  if (!header) return [];
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== 'identity');
  if (codings.length > 2) throw new StageError('not-html', `refusing ${codings.length} stacked content-encodings`);
  return codings.reverse().map((coding) => {
    // createUnzip detects gzip and zlib-wrapped deflate; finishFlush tolerates a truncated tail.
    if (coding === 'gzip' || coding === 'x-gzip' || coding === 'deflate')
      return createUnzip({ finishFlush: constants.Z_SYNC_FLUSH });
    if (coding === 'br') return createBrotliDecompress();
    throw new StageError('not-html', `unsupported content-encoding ${JSON.stringify(coding.slice(0, 40))}`);
  });
}
