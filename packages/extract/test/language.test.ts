import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArticleSchema } from '@newsflow/contracts';
import { extractArticle } from '../src/index.ts';

const german = [
  'Der Gemeinderat hat am Dienstag über den Haushalt für das kommende Jahr beraten und die Entscheidung vertagt.',
  'Mehrere Fraktionen forderten mehr Zeit, um die Vorschläge der Verwaltung zu prüfen und mit den Bürgern zu sprechen.',
  'Die Bürgermeisterin kündigte an, dass die Abstimmung nun im nächsten Monat stattfinden soll, wenn alle Zahlen vorliegen.',
]
  .map((p) => `<p>${p}</p>`)
  .join('');
const page = (htmlAttrs: string) =>
  `<!DOCTYPE html><html ${htmlAttrs}><head><meta charset="utf-8"></head><body><article><h1>Haushalt vertagt</h1>${german}</article></body></html>`;
const languageOf = (attrs: string) => {
  const a = extractArticle({ html: page(attrs), url: 'https://n.example/a' });
  ArticleSchema.parse(a);
  return [a.language, a.provenance.language];
};

describe('article language', () => {
  it('is detected from the text when the markup says nothing', () => {
    assert.deepEqual(languageOf(''), ['de', 'text']);
  });

  it('is detected from the text when the markup says another language', () => {
    assert.deepEqual(languageOf('lang="en"'), ['de', 'text']);
  });

  it('keeps the markup (with its region) when the text agrees', () => {
    assert.deepEqual(languageOf('lang="de-AT"'), ['de-AT', 'meta']);
  });
});
