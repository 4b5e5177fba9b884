// Byline forms seen across languages and templates, on small synthetic pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from '../src/index.ts';
import { cleanAuthors } from '../src/metadata/authors.ts';
import { newsPage, paragraphs } from './helpers.ts';

const prose = paragraphs(5)
  .map((p) => `<p>${p}</p>`)
  .join('');
const authorsOf = (body: string, head = '') =>
  extractArticle({ html: newsPage({ head, body }), url: 'https://news.example/a' }).authors;
const under = (line: string) => authorsOf(`<article><h1>Ein Titel für den Test</h1>${line}${prose}</article>`);

describe('byline lines that share the line with a date or punctuation', () => {
  const cases: Array<[string, string[]]> = [
    ['<div>Posted on September 21, 2020 by Adi Tzlil</div>', ['Adi Tzlil']],
    ['<p>VON <a href="/x">MORITZ GATHMANN</a> am 21. April 2020</p>', ['MORITZ GATHMANN']],
    ['<div>05.02.2020 <span>- Redaktion: Eberhard Fuhr (Pressesprecher)</span></div>', ['Eberhard Fuhr']],
    ['<div>Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022 - 12:45</div>', ['Pamela Sladky']],
    ['<byline>Von David Hutzler, dpa</byline>', ['David Hutzler']],
    ['<div><em>---- by Kenneth Surin</em></div>', ['Kenneth Surin']],
    ['<div><span>| By </span><span>Cara Stiles</span> | <span>Apr 13</span></div>', ['Cara Stiles']],
  ];
  for (const [line, want] of cases)
    it(`reads ${line}`, () => {
      assert.deepEqual(under(line), want);
    });

  it('stops a labelled name at the line break before the next label', () => {
    const box =
      '<div><span>Datum:</span> 19.11.2021<br><span>Autor:</span> Fritz Imhof<br><span>Rubrik:</span> Kirche</div>';
    assert.deepEqual(under(box), ['Fritz Imhof']);
  });

  it('takes the byline box itself, not its parent line with the date and the comment count', () => {
    const line =
      '<div>1. Januar 2016 <span class="byline">von <a href="/x">KleineGrüneMonster</a></span> <span>Ein Kommentar</span></div>';
    assert.deepEqual(under(line), ['KleineGrüneMonster']);
  });
});

describe('bylines that name no lead-in word or sit far away', () => {
  it('reads a plural label without a colon: "Autoren X und Y"', () => {
    const line = '<p>Autoren Jelko Djuren und Jutta Klaukien</p>';
    assert.deepEqual(authorsOf(`<article><h1>Ein Titel für den Test</h1>${prose}${line}</article>`), [
      'Jelko Djuren',
      'Jutta Klaukien',
    ]);
  });

  it("reads the author box that closes a long article, not a commenter's line", () => {
    const long = prose.repeat(30);
    const box = '<div class="author-bio footer"><p><a href="/author/martin">Alles von Martin Junker</a></p></div>';
    const comments = '<div id="comments"><span>geschrieben von Hans Meier am 21. Jan. 2015</span></div>';
    assert.deepEqual(authorsOf(`<article><h1>Ein Titel für den Test</h1>${long}${box}</article>${comments}`), [
      'Martin Junker',
    ]);
  });
});

describe('a date line by the headline that ends in a name', () => {
  it('reads the name after the date and time, and not a one-word section', () => {
    const line = (text: string) => `<h1>Ein Titel für den Test</h1><small>${text}</small>`;
    assert.deepEqual(authorsOf(`<article>${line('04.02.2022 | 13:10 Uhr | Uta Helkenberg')}${prose}</article>`), [
      'Uta Helkenberg',
    ]);
    assert.deepEqual(authorsOf(`<article>${line('04.02.2022 - Sport')}${prose}</article>`), []);
  });
});

describe("links to an author's page", () => {
  it('names the author and the co-authors linked beside them', () => {
    const links =
      '<div><a href="/autoren/clara-loew">Clara Löw</a>, <a href="/autoren/klaus-jacob">Klaus Jacob</a></div>';
    assert.deepEqual(under(links), ['Clara Löw', 'Klaus Jacob']);
  });

  it("drops the archive link's label", () => {
    assert.deepEqual(under('<p><a href="/daily/author/tk">Alle Artikel von Tanja Karrasch</a></p>'), [
      'Tanja Karrasch',
    ]);
  });

  it('ignores the links of commenters', () => {
    const comments = '<div class="comments"><a href="/author/joe">Joe Bloggs</a></div>';
    assert.deepEqual(authorsOf(`<article><h1>Ein Titel für den Test</h1>${prose}</article>${comments}`), []);
  });
});

describe('roles and outlets around names', () => {
  it('cuts a role before the name and rejects a publisher or the outlet named whole', () => {
    assert.deepEqual(cleanAuthors(['FOCUS-Online-Experte Robin Tschöpe']), ['Robin Tschöpe']);
    assert.deepEqual(cleanAuthors(['Verlag']), []);
    assert.deepEqual(cleanAuthors(['Jobs & Hire'], { site: 'Jobs & Hire' }), []);
  });
});
