import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeHtml } from '../src/index.ts';

function page(charsetMeta: string, body: string, encoding: string): Uint8Array {
  return iconv.encode(`<html><head>${charsetMeta}</head><body><p>${body}</p></body></html>`, encoding);
}

const SAMPLES: Array<[string, string]> = [
  ['windows-1252', 'Café “quoted” – naïve €5'],
  ['iso-8859-2', 'Zażółć gęślą jaźń, Łódź'],
  ['iso-8859-5', 'Москва и Санкт-Петербург'],
  ['shift_jis', '日本語のニュース記事です。'],
  ['gb18030', '这是一篇中文新闻报道。'],
  ['koi8-r', 'Привет, мир! Новости дня.'],
];

describe('decodeHtml', () => {
  for (const [charset, text] of SAMPLES) {
    it(`decodes ${charset} declared by <meta charset>`, () => {
      const out = decodeHtml(page(`<meta charset="${charset}">`, text, charset));
      assert.ok(out.text.includes(text), out.text);
    });
    it(`decodes ${charset} declared by the Content-Type header`, () => {
      const out = decodeHtml(page('', text, charset), `text/html; charset=${charset}`);
      assert.ok(out.text.includes(text));
    });
  }

  it('reads the http-equiv form of the meta declaration', () => {
    const html = page('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', 'Привет, мир!', 'koi8-r');
    assert.equal(decodeHtml(html).charset, 'koi8-r');
  });

  it('prefers the Content-Type header over <meta>', () => {
    const bytes = page('<meta charset="windows-1252">', 'Привет, мир!', 'koi8-r');
    assert.ok(decodeHtml(bytes, 'text/html; charset=KOI8-R').text.includes('Привет, мир!'));
  });

  it('prefers a byte-order mark over the header and <meta> (as browsers do)', () => {
    const body = Buffer.from('<meta charset="windows-1252"><p>naïve café</p>', 'utf8');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
    const out = decodeHtml(bytes, 'text/html; charset=iso-8859-1');
    assert.equal(out.charset, 'utf-8');
    assert.ok(out.text.includes('naïve café'));
  });

  it('ignores an unknown header charset and falls back to the page', () => {
    const out = decodeHtml(page('<meta charset="iso-8859-2">', 'Łódź', 'iso-8859-2'), 'text/html; charset=x-bogus');
    assert.ok(out.text.includes('Łódź'));
  });

  it('sniffs undeclared UTF-8', () => {
    const out = decodeHtml(Buffer.from('<p>Zażółć gęślą jaźń — “quotes”</p>', 'utf8'));
    assert.equal(out.charset, 'utf-8');
    assert.ok(out.text.includes('Zażółć'));
  });

  it('sniffs undeclared legacy text statistically', () => {
    const text = 'これは日本語のニュース記事です。東京で開かれた会議について報告します。'.repeat(8);
    const out = decodeHtml(iconv.encode(`<p>${text}</p>`, 'shift_jis'));
    assert.equal(out.charset, 'shift_jis');
    assert.ok(out.text.includes(text));
  });

  it('treats undeclared non-UTF-8 Latin text as a single-byte charset, never garbling ASCII', () => {
    const out = decodeHtml(iconv.encode('<p>The café was open. Prices in € rose.</p>', 'windows-1252'));
    assert.ok(out.text.includes('The caf'));
    assert.ok(!out.text.includes('\ufffd'));
  });
});
