// How shown dates are ranked against each other and against structured ones (small synthetic pages).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateFromUrl } from '../src/metadata/dates.ts';
import { extractAt, prose, publishedDay } from './date-helpers.ts';

const extract = extractAt;
const day = publishedDay;
const headline = '<h1>Stadtrat beschließt neue Radwege</h1>';

describe('shown dates ranked by what readers see', () => {
  it('an empty <time> is markup, not a shown date: it does not overrule the meta date', () => {
    const meta = '<meta property="article:published_time" content="2022-12-04T15:00:00+01:00">';
    const empty = '<time itemprop="datePublished" datetime="2022-12-06T14:42:13+01:00"></time>';
    assert.equal(day(`<article>${headline}${empty}${prose}</article>`, meta, 'de'), '2022-12-04');
  });

  it('text marked up as dateModified is the modification date', () => {
    const a = extract(
      `<article>${headline}<time itemprop="dateModified">2024-02-29 14:15</time><p class="date">3. Februar 2024</p>${prose}</article>`,
      '',
      'de',
    );
    assert.equal(a.publishedAt?.slice(0, 10), '2024-02-03');
    assert.equal(a.modifiedAt?.slice(0, 10), '2024-02-29');
  });

  it('a date inside running prose loses to a date line further away', () => {
    const story = `<p>Das Turnier in der neuen Halle am Stadtrand läuft vom 5. bis 11. Februar 2024 mit vielen Gästen.</p>`;
    const line = `<div class="submitted">am 24. Januar 2024 - 18:55</div>`;
    assert.equal(day(`<article>${headline}${story}${prose}${line}</article>`, '', 'de'), '2024-01-24');
  });

  it("the site banner's date (today's) is not the story's", () => {
    const banner = '<header><h1>Radio Eins Zwei Drei</h1><span>Mittwoch, 26.02.2024</span></header>';
    const meta =
      '<meta name="date" content="2023-05-01T17:05:00+0200"><meta property="og:title" content="Stadtrat beschließt neue Radwege">';
    assert.equal(day(`${banner}<article>${headline}${prose}</article>`, meta, 'de'), '2023-05-01');
  });

  it('an ambiguous numeric date that agrees with the meta date read the other way keeps the meta date', () => {
    const meta = '<meta property="article:published_time" content="2023-11-01T04:00:14Z">';
    assert.equal(day(`<article>${headline}<span>11/01/2023</span>${prose}</article>`, meta, 'de'), '2023-11-01');
  });

  it('a generic "date" meta yields to the microdata publication date', () => {
    const meta = '<meta name="date" content="2022-01-21T15:38:44+01:00">';
    const footer = `<div><time itemprop="datePublished" datetime="2022-01-27">27.01.2022</time></div>`;
    assert.equal(
      day(`<div class="article">${headline}${prose}${prose}${prose}${footer}</div>`, meta, 'de'),
      '2022-01-27',
    );
  });

  it("an <aside> that is the article's date box is not a sidebar", () => {
    const meta = '<meta name="date" content="2022-01-26T14:32:06+02:00">';
    const box = `<aside class="meta"><p><time datetime="2022-01-21">21.01.2022 - 13:30</time></p></aside>`;
    assert.equal(day(`<article>${headline}${box}${prose}</article>`, meta, 'de'), '2022-01-21');
  });

  it("a date in another story's <article> (a related-posts grid) is not this page's", () => {
    const meta = '<meta property="article:published_time" content="2019-10-01">';
    const related =
      '<article><h2><a href="/y">Older post</a></h2><div class="meta"><span>22. Oktober 2018</span></div></article>';
    assert.equal(day(`<article>${headline}${prose}</article>${related}`, meta, 'de'), '2019-10-01');
  });
});

describe('local midnight serialised in UTC', () => {
  it('restates 23:00Z on a German page as midnight of the next day in +01:00', () => {
    const meta = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">';
    assert.equal(
      extract(`<article>${headline}${prose}</article>`, meta, 'de').publishedAt,
      '2022-11-07T00:00:00+01:00',
    );
    assert.equal(extract(`<article>${headline}${prose}</article>`, meta, 'en').publishedAt, '2022-11-06T23:00:00.000Z');
  });
});

describe('dates in the URL', () => {
  it('reads a day-first date at the end of the path when the page shows none', () => {
    assert.equal(dateFromUrl('https://n.example/meldungen/29-10-2021')?.iso.slice(0, 10), '2021-10-29');
    assert.equal(dateFromUrl('https://n.example/2019/11/19/story')?.iso.slice(0, 10), '2019-11-19');
    assert.equal(dateFromUrl('https://n.example/item-12-34-2021'), undefined);
  });
});

describe('numeric dates in meta tags', () => {
  it('reads 10/05/2022 as 10 May on a Spanish page and as October 5 on a US English one', () => {
    const meta = '<meta property="article:published_time" content="10/05/2022 05:22 pm">';
    assert.equal(day(`<article>${headline}${prose}</article>`, meta, 'es'), '2022-05-10');
    assert.equal(day(`<article>${headline}${prose}</article>`, meta, 'en-US'), '2022-10-05');
  });
});
