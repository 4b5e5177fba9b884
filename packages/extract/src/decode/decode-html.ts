// Bytes → text. Precedence follows the WHATWG "encoding sniffing" algorithm (what browsers do):
// a BOM beats the Content-Type charset, which beats <meta charset>/http-equiv; only when none of
// those speaks do we look at the bytes themselves (valid UTF-8, then a statistical guess).
import iconv from 'iconv-lite';
import { ResultType, Sniffer } from 'encoding-sniffer/sniffer';
import { guessCharset } from './guess-charset.ts';

export interface DecodedHtml {
  text: string;
  charset: string;
}

/** Bytes the meta prescan looks at; the spec says 1024, real pages put <meta> later. */
const PRESCAN_BYTES = 8192;

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m?.[1];
}

export function detectCharset(bytes: Uint8Array, contentType?: string): string {
  const label = charsetFromContentType(contentType);
  const usable = label && iconv.encodingExists(label) ? label : undefined;
  const sniffer = new Sniffer({ maxBytes: PRESCAN_BYTES, transportLayerEncodingLabel: usable });
  sniffer.write(bytes.subarray(0, PRESCAN_BYTES));
  if (sniffer.resultType !== ResultType.DEFAULT) return sniffer.encoding;
  return guessCharset(bytes);
}

export function decodeHtml(bytes: Uint8Array, contentType?: string): DecodedHtml {
  const charset = normalizeCharset(detectCharset(bytes, contentType));
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = iconv.decode(buffer, iconv.encodingExists(charset) ? charset : 'windows-1252');
  return { text, charset };
}

/** Lower-case WHATWG name; the sniffer already maps labels like "latin1" to windows-1252. */
function normalizeCharset(name: string): string {
  return name.toLowerCase();
}
