import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from '../src/index.ts';
import { cleanAuthors } from '../src/metadata/authors.ts';
import { jsonLd, newsPage, paragraphs } from './helpers.ts';

const prose = paragraphs(5)
  .map((p) => `<p>${p}</p>`)
  .join('');
const authorsOf = (body: string, head = '', url = 'https://news.example/a') =>
  extractArticle({ html: newsPage({ head, body }), url }).authors;

describe('bylines in many languages', () => {
  // The name a byline must give, and the labels (German, French, Italian, Spanish, Dutch) before it.
  const labelsOf: Record<string, string[]> = {
    'Anna Schmidt': ['Von', 'Text:', 'Autor:', 'Veröffentlicht von'],
    'Jean Dupont': ['Par'],
    'Marco Rossi': ['Di'],
    'José de la Cruz': ['Por'],
    'Jan van der Berg': ['Door'],
  };
  const cases = Object.entries(labelsOf).flatMap(([want, labels]) =>
    labels.map((label): [string, string] => [`${label} ${want}`, want]),
  );
  for (const [line, want] of cases)
    it(`reads "${line}" under the headline`, () => {
      assert.deepEqual(authorsOf(`<article><h1>Ein Titel für den Test</h1><p>${line}</p>${prose}</article>`), [want]);
    });

  it('reads a label in its own element followed by the name', () => {
    const body = `<article><h1>Ein Titel für den Test</h1>${prose}<div><h5>Autor:</h5>Peter Maahn</div></article>`;
    assert.deepEqual(authorsOf(body), ['Peter Maahn']);
  });

  it('cuts roles and splits lists joined by und/and/y, without cutting names that contain those letters', () => {
    assert.deepEqual(cleanAuthors(['Von Christoph Hein Chefredakteur']), ['Christoph Hein']);
    assert.deepEqual(cleanAuthors(['Jelko Djuren und Jutta Klaukien']), ['Jelko Djuren', 'Jutta Klaukien']);
    assert.deepEqual(cleanAuthors(['Sonia Mevißen']), ['Sonia Mevißen']);
    assert.deepEqual(cleanAuthors(['Joe S.']), ['Joe S.']);
  });
});

describe('what is not an author', () => {
  it('rejects newsroom labels and non-names', () => {
    for (const bad of [
      'Redaktion',
      'Support Team',
      'Unknown',
      'No Author',
      'Alles über Lautsprecher',
      'Eingetragen bei: politics',
    ])
      assert.deepEqual(cleanAuthors([bad]), [], bad);
  });

  it('rejects the site name and host given as the author', () => {
    const head = '<meta name="author" content="Daily Courier"><meta property="og:site_name" content="Daily Courier">';
    assert.deepEqual(authorsOf(`<article><h1>Budget vote delayed</h1>${prose}</article>`, head), []);
    const host = '<meta name="author" content="STERN.de">';
    assert.deepEqual(
      authorsOf(`<article><h1>Budget vote delayed</h1>${prose}</article>`, host, 'https://www.stern.de/x'),
      [],
    );
  });
});

describe('JSON-LD authors', () => {
  it('resolves @id references in @graph and keeps handles from structured data', () => {
    const ld = jsonLd({
      '@graph': [
        { '@type': 'BlogPosting', headline: 'A post', author: { '@id': '#p1' } },
        { '@type': 'Person', '@id': '#p1', name: 'gizzmo' },
      ],
    });
    assert.deepEqual(authorsOf(`<article><h1>A post</h1>${prose}</article>`, ld), ['gizzmo']);
  });

  it('reads arrays of Person objects', () => {
    const ld = jsonLd({
      '@type': 'NewsArticle',
      author: [{ '@type': 'Person', name: 'Ana García' }, { name: 'Li Wei' }],
    });
    assert.deepEqual(authorsOf(`<article><h1>A post</h1>${prose}</article>`, ld), ['Ana García', 'Li Wei']);
  });
});
