import iconv from 'iconv-lite';

/**
 * Bytes of a feed or sitemap → text, the XML way (XML 1.0 Appendix F): a BOM wins, then the
 * encoding in the XML declaration, then the charset of the Content-Type, then UTF-8. iconv-lite
 * covers windows-125x, ISO-8859-x, KOI8-R, Shift_JIS, GB18030 and the other legacy charsets.
 */
export function decodeXml(bytes: Uint8Array, contentType?: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomEncoding(buffer);
  if (bom) return iconv.decode(buffer, bom);
  const declared = declaredEncoding(buffer) ?? headerCharset(contentType);
  const encoding = declared && iconv.encodingExists(declared) ? declared : 'utf-8';
  return iconv.decode(buffer, encoding);
}

function bomEncoding(buffer: Buffer): string | undefined {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function declaredEncoding(buffer: Buffer): string | undefined {
  const head = buffer.subarray(0, 1024).toString('latin1');
  return /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
}

function headerCharset(contentType: string | undefined): string | undefined {
  return contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1]?.toLowerCase() : undefined;
}
