import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readWarc, WarcFormatError } from '../src/index.ts';
import type { WarcEntry } from '../src/index.ts';
import { articleHtml, makeTruncatedWarc, makeWarc } from './support/index.ts';
import type { TestRecord } from './support/index.ts';

const RECORDS: TestRecord[] = [
  { type: 'warcinfo', url: '', date: '2024-01-02T03:00:00Z' },
  { type: 'request', url: 'https://news.example/2024/01/02/one', date: '2024-01-02T03:04:05Z' },
  { url: 'https://news.example/2024/01/02/one', date: '2024-01-02T03:04:05Z', body: articleHtml('One', 'alpha') },
  { url: 'https://news.example/logo.png', date: '2024-01-02T03:04:06Z', body: 'PNG', contentType: 'image/png' },
  { url: 'https://news.example/2024/01/02/two', date: '2024-01-02T03:04:07Z', body: articleHtml('Two', 'beta') },
];

async function readAll(archive: Buffer, maxBodyBytes = 1 << 20): Promise<{ entries: WarcEntry[]; error?: unknown }> {
  const entries: WarcEntry[] = [];
  try {
    for await (const entry of readWarc([archive], { maxBodyBytes, select: (meta) => meta.warcType === 'response' }))
      entries.push(entry);
  } catch (error) {
    return { entries, error };
  }
  return { entries };
}

for (const gzip of [false, true]) {
  const kind = gzip ? 'WARC.gz' : 'WARC';

  void test(`${kind}: every record is read, bodies only of the selected ones`, async () => {
    const { entries, error } = await readAll(await makeWarc(RECORDS, gzip));
    assert.equal(error, undefined);
    assert.deepEqual(
      entries.map((entry) => entry.meta.warcType),
      ['warcinfo', 'request', 'response', 'response', 'response'],
    );
    const one = entries[2]!;
    assert.equal(one.meta.targetUri, 'https://news.example/2024/01/02/one');
    assert.equal(one.meta.date, '2024-01-02T03:04:05Z');
    assert.equal(one.meta.status, 200);
    assert.match(one.meta.contentType ?? '', /^text\/html/);
    assert.equal(Buffer.from(one.body!).toString('utf8'), articleHtml('One', 'alpha'));
    assert.equal(entries[1]!.body, undefined, 'a request record is not selected');
  });

  void test(`${kind}: a record cut short ends with a WarcFormatError after the complete ones`, async () => {
    const { entries, error } = await readAll(await makeTruncatedWarc(RECORDS, gzip));
    assert.equal(entries.length, RECORDS.length - 1, 'the records before the cut are all read');
    assert.ok(error instanceof WarcFormatError, String(error));
    assert.equal(error.recordsRead, RECORDS.length - 1);
    assert.match(error.message, /(cut short|ends inside a gzip member).*after 4 complete records/);
  });

  void test(`${kind}: a body over the cap is reported too large, and the next record is still read`, async () => {
    const { entries, error } = await readAll(await makeWarc(RECORDS, gzip), 200);
    assert.equal(error, undefined);
    assert.equal(entries[2]!.tooLarge, true);
    assert.equal(entries[2]!.body, undefined);
    assert.equal(entries[4]!.meta.targetUri, 'https://news.example/2024/01/02/two');
  });
}

void test('bytes that are not WARC fail with a clear error', async () => {
  const { entries, error } = await readAll(Buffer.from('<html><body>not an archive</body></html>\r\n\r\n'));
  assert.equal(entries.length, 0);
  assert.ok(error instanceof WarcFormatError);
  assert.match(error.message, /not a WARC record header/);
  const empty = await readAll(Buffer.alloc(0));
  assert.match(String(empty.error), /no WARC record found/);
});
