import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { ArticleSchema, type Article } from '@newsflow/contracts';
import { extractArticle } from '../src/index.ts';
import { paragraphs } from './helpers.ts';
import { cpuMs } from '../eval/run-eval.ts';

/**
 * Generous per-page budget: real speed targets live in the benchmark, this only catches hangs.
 * Measured in main-thread CPU time, so other processes on a shared machine cannot fail it.
 */
const BUDGET_MS = 2000;
const URL = 'https://n.example/news/story';

function timed(html: string | Uint8Array): Article {
  const start = cpuMs();
  const a = extractArticle({ html, url: URL });
  const ms = cpuMs() - start;
  assert.ok(ms < BUDGET_MS, `took ${ms.toFixed(0)} ms`);
  ArticleSchema.parse(a);
  return a;
}

const story = paragraphs(5)
  .map((p) => `<p>${p}</p>`)
  .join('');

describe('robustness', () => {
  it('empty input is a clear not-an-article', () => {
    assert.equal(timed('').flags.notArticle, true);
    assert.equal(timed(new Uint8Array()).flags.notArticle, true);
  });

  it('binary garbage is a clear not-an-article', () => {
    const bytes = Uint8Array.from({ length: 2_000_000 }, (_, i) => (i * 2654435761) % 256);
    const a = timed(bytes);
    assert.equal(a.flags.notArticle, true);
  });

  it('truncated HTML still yields the text that arrived', () => {
    const html = `<html><head><title>Cut</title></head><body><article>${story}`.slice(0, -40);
    const a = timed(html);
    assert.ok(a.body.includes(paragraphs(1)[0]!));
  });

  it('a 20 MB page finishes within budget', () => {
    const filler = '<div class="promo"><a href="/x">Deal of the day</a></div>'.repeat(20_000);
    const html = `<html><body><article>${story}</article>${filler}${'<p>' + 'x'.repeat(1000) + '</p>'.repeat(1)}${' '.repeat(19_000_000)}</body></html>`;
    assert.ok(html.length > 20_000_000);
    const a = timed(html);
    assert.ok(a.body.includes(paragraphs(1)[0]!));
  });

  it('100,000-deep nesting neither overflows the stack nor hangs', () => {
    const deep = `<html><body>${'<div>'.repeat(100_000)}${story}${'</div>'.repeat(100_000)}</body></html>`;
    const a = timed(deep);
    assert.ok(a.body.includes(paragraphs(1)[0]!));
    timed(`<body>${'<span><b><i>'.repeat(100_000)}text`);
  });

  it('hundreds of <script>/<style> elements neither hide the article nor leak their code', () => {
    const raw = '<script>var tracker = "js code";</script><style>.x { color: red }</style>'.repeat(400);
    const a = timed(`<html><head>${raw}</head><body><div><article>${story}</article></div>${raw}</body></html>`);
    assert.ok(a.body.includes(paragraphs(1)[0]!));
    assert.ok(!a.body.includes('js code') && !a.body.includes('color: red'), a.body.slice(0, 200));
  });

  it('soft hyphens and ruby annotations do not shred words', () => {
    const html = `<html><body><article>${story}<p>Die Ge\u00admein\u00adde\u00advertretung hat entschieden, dass die Straße saniert wird und die Kosten geteilt werden.</p><p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字</ruby>の読み方を学ぶ子どもたちが増えています。毎日少しずつ練習しています。</p></article></body></html>`;
    const a = timed(html);
    assert.ok(a.body.includes('Gemeindevertretung hat entschieden'), a.body);
    assert.ok(a.body.includes('漢字の読み方'), a.body);
  });

  it('broken entities and stray markup do not break extraction', () => {
    const html = `<html><body><article><p>Fish &amp chips &#xZZ; &#99999999; &bogus; &lt&gt ${paragraphs(1)[0]}</p>${story}<p>unclosed <b><i>tags <a href="x>broken</article>`;
    const a = timed(html);
    assert.ok(a.body.includes('Fish & chips'));
  });

  it('mixed encodings decode without throwing', () => {
    const utf8 = Buffer.from(`<html><head><meta charset="utf-8"></head><body><article>${story}<p>Привет</p>`, 'utf8');
    const latin = iconv.encode(
      '<p>Café crème brûlée, à la carte, served daily in the old town.</p></article></body></html>',
      'windows-1252',
    );
    const a = timed(Buffer.concat([utf8, latin]));
    assert.ok(a.body.includes(paragraphs(1)[0]!));
  });

  it('hostile regex inputs stay linear (unterminated tags, long runs without spaces)', () => {
    timed('<a '.repeat(1_000_000));
    timed(`<p>${'By '.repeat(200_000)}</p><p>${'a'.repeat(2_000_000)}</p>`);
    timed(`<script type="application/ld+json">${'['.repeat(200_000)}</script>${story}`);
  });

  it('node-heavy story cards stay within budget', () => {
    const cards = Array.from(
      { length: 300 },
      (_, i) => `<div class="c"><a href="/${i}">t${i}</a>${'<span></span>'.repeat(600)}<p>blurb ${i}.</p></div>`,
    ).join('');
    const a = timed(`<html><body><div>${cards}</div><article>${story}</article></body></html>`);
    assert.ok(a.body.includes(paragraphs(1)[0]!));
  });
});
