import { WARCRecord, WARCSerializer } from 'warcio';

/** One record of a test archive; a response with an HTML body unless said otherwise. */
export interface TestRecord {
  url: string;
  date: string;
  body?: string;
  type?: 'response' | 'request' | 'revisit' | 'warcinfo';
  status?: number;
  contentType?: string;
}

/** A WARC made record by record with warcio's serializer (one gzip member per record when gzip). */
export async function makeWarc(records: readonly TestRecord[], gzip: boolean): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const spec of records) parts.push(await serialize(spec, gzip));
  return Buffer.concat(parts);
}

/** The archive cut `bytes` before the end of its last record: a download or copy that stopped early. */
export async function makeTruncatedWarc(records: readonly TestRecord[], gzip: boolean, bytes = 40): Promise<Buffer> {
  const whole = await makeWarc(records, gzip);
  const last = await serialize(records[records.length - 1]!, gzip);
  if (last.byteLength <= bytes) throw new Error('last record too short to cut');
  return whole.subarray(0, whole.byteLength - bytes);
}

async function serialize(spec: TestRecord, gzip: boolean): Promise<Uint8Array> {
  const type = spec.type ?? 'response';
  const body = new TextEncoder().encode(spec.body ?? '');
  async function* content(): AsyncGenerator<Uint8Array> {
    yield body;
  }
  const httpHeaders: Record<string, string> =
    type === 'request'
      ? { Host: new URL(spec.url).host }
      : { 'Content-Type': spec.contentType ?? 'text/html; charset=utf-8' };
  const record = WARCRecord.create(
    {
      url: spec.url,
      date: spec.date,
      type,
      warcVersion: 'WARC/1.1',
      httpHeaders,
      statusline:
        type === 'request' ? `GET ${new URL(spec.url).pathname} HTTP/1.1` : `HTTP/1.1 ${spec.status ?? 200} OK`,
    },
    content(),
  );
  return WARCSerializer.serialize(record, { gzip });
}

/** A page the cleaner takes as an article: a headline and a few paragraphs of running text. */
export function articleHtml(title: string, words: string): string {
  const paragraph = `<p>${words} ${'The council met on Tuesday and agreed the plan after a long debate about costs and timing. '.repeat(4)}</p>`;
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${paragraph.repeat(5)}</article></body></html>`;
}
