// The raw-page encoding: what the fetcher stores is zstd, what a cleaner reads may also be gzip
// (pages stored by a fetcher from before the change), and anything else is refused, not misread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { decodeRaw, encodeRaw } from '../src/raw-store.ts';

const page = new TextEncoder().encode(
  `<!doctype html><html><body>${'<p>Ein Absatz über Zürich, 東京 and the news. </p>'.repeat(400)}</body></html>`,
);

test('a page goes through the store encoding byte for byte, and smaller', () => {
  const stored = encodeRaw(page);
  assert.ok(stored.length < page.length / 5, `stored ${stored.length} bytes of ${page.length}`);
  assert.deepEqual(decodeRaw(stored), page);
});

test('a gzip page stored before the change to zstd still decodes', () => {
  assert.deepEqual(decodeRaw(gzipSync(page, { level: 6 })), page);
});

test('bytes in neither encoding are refused', () => {
  assert.throws(() => decodeRaw(Buffer.from(page)), /unknown encoding/);
});
