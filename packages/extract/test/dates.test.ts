import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findTextDates } from '../src/metadata/text-dates.ts';
import { extractAt, prose, publishedDay } from './date-helpers.ts';
import { jsonLd } from './helpers.ts';

const extract = extractAt;
const day = publishedDay;

describe('written dates in many languages', () => {
  const cases: Array<[string, string]> = [
    ['3. März 2021', '2021-03-03'],
    ['24.04.2020', '2020-04-24'],
    ['24.04.20', '2020-04-24'],
    ['12 janvier 2022', '2022-01-12'],
    ['3 de marzo de 2021', '2021-03-03'],
    ['7 settembre 2019', '2019-09-07'],
    ['5 maart 2018', '2018-03-05'],
    ['14 de outubro de 2017', '2017-10-14'],
    ['2 października 2020', '2020-10-02'],
    ['March 3, 2021', '2021-03-03'],
    ['3rd March 2021', '2021-03-03'],
    ['2021-03-03', '2021-03-03'],
    ['2021年3月3日', '2021-03-03'],
  ];
  for (const [text, want] of cases)
    it(`reads "${text}"`, () => {
      const [found] = findTextDates(`Posted ${text} by Jane`);
      assert.ok(found, 'no date found');
      assert.equal(`${found.year}-${String(found.month).padStart(2, '0')}-${String(found.day).padStart(2, '0')}`, want);
    });

  it('needs a full date and a real day', () => {
    assert.deepEqual(findTextDates('März 2021, 31.02.2021, version 1.2.3, 3 hours ago'), []);
  });

  it('reads 03/04/2021 as March 4 in US English only', () => {
    assert.equal(findTextDates('03/04/2021', true)[0]?.month, 3);
    assert.equal(findTextDates('03/04/2021', false)[0]?.month, 4);
  });
});

describe('shown dates on the page', () => {
  it('finds a date line below the headline when markup says nothing', () => {
    const d = day(
      `<article><h1>Rathaus plant neue Radwege</h1><p class="meta">Veröffentlicht am 3. März 2021</p>${prose}</article>`,
      '',
      'de',
    );
    assert.equal(d, '2021-03-03');
    assert.equal(
      extract(`<article><h1>A headline here</h1><div>March 3, 2021</div>${prose}</article>`).provenance.publishedAt,
      'text',
    );
  });

  it('prefers the byline date to a sidebar of other stories', () => {
    const sidebar = `<aside class="sidebar"><ul><li><a href="/x">Older story</a> 1 January 2020</li></ul></aside>`;
    const d = day(
      `${sidebar}<article><h1>Budget vote delayed again</h1><span class="date">5 February 2024</span>${prose}</article>`,
    );
    assert.equal(d, '2024-02-05');
  });

  it('tells an "updated" line from the publication date', () => {
    const a = extract(
      `<article><h1>Budget vote delayed again</h1><p>Updated: 8 March 2024</p><p>Published: 1 March 2024</p>${prose}</article>`,
    );
    assert.equal(a.publishedAt?.slice(0, 10), '2024-03-01');
    assert.equal(a.modifiedAt?.slice(0, 10), '2024-03-08');
  });

  it('reads a <time> element without datetime by its text', () => {
    assert.equal(
      day(`<article><h1>Budget vote delayed again</h1><time>12 janvier 2022</time>${prose}</article>`, '', 'fr'),
      '2022-01-12',
    );
  });

  it('ignores dates in the future and before 1995', () => {
    assert.equal(
      day(`<article><h1>Budget vote delayed again</h1><p>1 May 2031</p><p>2 May 1990</p>${prose}</article>`),
      undefined,
    );
  });
});

describe('structured dates', () => {
  it('keeps the day the page states, with its offset, instead of moving it to UTC', () => {
    const a = extract(
      `<article><h1>Budget vote</h1>${prose}</article>`,
      '<meta property="article:published_time" content="2024-03-05T00:30:00+01:00">',
    );
    assert.equal(a.publishedAt, '2024-03-05T00:30:00+01:00');
  });

  it('reads JSON-LD of other types and inside @graph', () => {
    const graph = jsonLd({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', datePublished: '2001-01-01' },
        { '@type': 'WebPage', datePublished: '2024-02-11T08:00:00+01:00' },
      ],
    });
    assert.equal(day(`<div><h1>Budget vote</h1>${prose}</div>`, graph), '2024-02-11');
    const video = jsonLd({ '@type': 'VideoObject', uploadDate: '2024-02-12' });
    assert.equal(day(`<div><h1>Budget vote</h1>${prose}</div>`, video), '2024-02-12');
  });

  it('a date shown under the headline beats a stale template date that disagrees', () => {
    const stale = '<meta property="article:published_time" content="2019-06-01T10:00:00Z">';
    assert.equal(
      day(
        `<article><h1>Budget vote delayed again</h1><p class="date">Published 4 March 2024</p>${prose}</article>`,
        stale,
      ),
      '2024-03-04',
    );
  });
});
