import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from '../src/index.ts';
import { cleanAuthors, isPlausibleName } from '../src/metadata/authors.ts';
import { dateFromUrl, isPlausibleDate, parseDate } from '../src/metadata/dates.ts';
import { jsonLd, newsPage, paragraphs } from './helpers.ts';

const FETCHED = new Date('2024-03-10T12:00:00Z');
const article = (head: string, extra = '') =>
  newsPage({
    head,
    body: `<article><h1>Budget vote delayed again</h1>${extra}${paragraphs(5)
      .map((p) => `<p>${p}</p>`)
      .join('')}</article>`,
  });
/** Extracts a page fetched at FETCHED from one article URL; `more` gives another URL or the feed's hints. */
const extractPage = (html: string, more: Partial<Parameters<typeof extractArticle>[0]> = {}) =>
  extractArticle({ html, url: 'https://n.example/a', fetchedAt: FETCHED, ...more });

describe('date parsing', () => {
  it('keeps offsets and reads zone-less dates as UTC', () => {
    assert.equal(parseDate('2019-11-19T08:30:00-05:00')?.toISOString(), '2019-11-19T13:30:00.000Z');
    assert.equal(parseDate('2019-11-19T08:30:00+0530')?.toISOString(), '2019-11-19T03:00:00.000Z');
    assert.equal(parseDate('2019-11-19')?.toISOString(), '2019-11-19T00:00:00.000Z');
    assert.equal(parseDate('2021-12-04 14:21:00Z')?.toISOString(), '2021-12-04T14:21:00.000Z');
  });

  it('reads written dates and epoch seconds', () => {
    assert.equal(parseDate('Published November 19, 2019 3:05 pm')?.toISOString(), '2019-11-19T15:05:00.000Z');
    assert.equal(parseDate('19 Nov 2019')?.toISOString(), '2019-11-19T00:00:00.000Z');
    assert.equal(parseDate('1574168580')?.toISOString(), '2019-11-19T13:03:00.000Z');
    assert.equal(parseDate('3 hours ago'), undefined);
  });

  it('finds dates in URL paths', () => {
    assert.equal(dateFromUrl('https://x.com/2019/11/19/story.html')?.iso, '2019-11-19T00:00:00.000Z');
    assert.equal(dateFromUrl('https://x.com/story-12345.html'), undefined);
  });

  it('rejects dates after the fetch time and before the web', () => {
    assert.equal(isPlausibleDate(new Date('2024-03-20T00:00:00Z'), FETCHED), false);
    assert.equal(isPlausibleDate(new Date('1970-01-01T00:00:00Z'), FETCHED), false);
    assert.equal(isPlausibleDate(new Date('2024-03-09T00:00:00Z'), FETCHED), true);
  });
});

describe('publishedAt with provenance', () => {
  const datedPage = (jsonLdDate: string) =>
    article(
      jsonLd({ '@type': 'NewsArticle', datePublished: jsonLdDate }) +
        '<meta property="article:published_time" content="2024-02-01T00:00:00Z">',
    );

  it('prefers JSON-LD and records it', () => {
    const a = extractPage(datedPage('2024-03-01T09:00:00+01:00'));
    assert.equal(a.publishedAt, '2024-03-01T09:00:00+01:00');
    assert.equal(a.provenance.publishedAt, 'json-ld');
  });

  it('skips a future JSON-LD date and falls back to the meta tag', () => {
    const a = extractPage(datedPage('2030-01-01T00:00:00Z'));
    assert.equal(a.publishedAt, '2024-02-01T00:00:00.000Z');
    assert.equal(a.provenance.publishedAt, 'meta');
  });

  it('uses a <time> element, then the URL', () => {
    const t = extractPage(article('', '<time datetime="2024-01-05T10:00:00Z">Jan 5</time>'));
    assert.equal(t.provenance.publishedAt, 'time-element');
    const u = extractPage(article(''), { url: 'https://n.example/2024/01/07/budget.html' });
    assert.deepEqual([u.publishedAt, u.provenance.publishedAt], ['2024-01-07T00:00:00.000Z', 'url']);
  });

  it('uses a feed hint only when the page has no date of its own, and never a future one', () => {
    const hinted = extractPage(article(''), { hints: { publishedAt: '2024-03-02T06:00:00Z' } });
    assert.deepEqual([hinted.publishedAt, hinted.provenance.publishedAt], ['2024-03-02T06:00:00.000Z', 'hint']);
    const future = extractPage(article(''), { hints: { publishedAt: '2025-01-01T00:00:00Z' } });
    assert.equal(future.publishedAt, undefined);
  });
});

describe('feed hints are cross-checked', () => {
  it('a loose <time> element that disagrees with the feed date by days gives way to the hint', () => {
    const a = extractPage(article('', '<time datetime="2023-01-05T10:00:00Z">Jan 5</time>'), {
      hints: { publishedAt: '2024-03-01T06:00:00Z' },
    });
    assert.deepEqual([a.publishedAt, a.provenance.publishedAt], ['2024-03-01T06:00:00.000Z', 'hint']);
  });

  it('JSON-LD beats a disagreeing hint', () => {
    const a = extractPage(article(jsonLd({ '@type': 'NewsArticle', datePublished: '2024-02-01T00:00:00Z' })), {
      hints: { publishedAt: '2024-03-01T06:00:00Z' },
    });
    assert.equal(a.provenance.publishedAt, 'json-ld');
  });

  it('prefers the page title that agrees with the feed title, and uses the hint when the page has none', () => {
    const head =
      '<meta property="og:title" content="Daily Courier"><meta property="og:site_name" content="Daily Courier">';
    const agreed = extractArticle({
      html: article(head),
      url: 'https://n.example/a',
      hints: { title: 'Budget vote delayed again' },
    });
    assert.deepEqual([agreed.title, agreed.provenance.title], ['Budget vote delayed again', 'heading']);
    const bare = newsPage({
      body: `<div>${paragraphs(4)
        .map((p) => `<p>${p}</p>`)
        .join('')}</div>`,
    });
    const hinted = extractArticle({ html: bare, url: 'https://n.example/a', hints: { title: 'From the feed' } });
    assert.deepEqual([hinted.title, hinted.provenance.title], ['From the feed', 'hint']);
  });
});

describe('author sanitising', () => {
  it('splits lists and strips "By"', () => {
    assert.deepEqual(cleanAuthors(['By Jane Doe and John Smith']), ['Jane Doe', 'John Smith']);
    assert.deepEqual(cleanAuthors(['Jane Doe, Ana García']), ['Jane Doe', 'Ana García']);
  });

  it('rejects relative times, staff labels, URLs, e-mails and sentences', () => {
    for (const bad of [
      '3 Hours Ago',
      'Staff',
      'Staff Writer',
      'https://example.com/jane',
      'jane@example.com',
      'Updated 10:30 am',
      'This is a long sentence that is clearly not a name at all',
    ]) {
      assert.equal(isPlausibleName(bad), false, bad);
    }
    assert.deepEqual(cleanAuthors(['3 hours ago']), []);
  });

  it('records where authors came from', () => {
    const a = extractPage(
      article(jsonLd({ '@type': 'NewsArticle', author: [{ '@type': 'Person', name: 'Jane Doe' }, 'Staff'] })),
    );
    assert.deepEqual([a.authors, a.provenance.authors], [['Jane Doe'], 'json-ld']);
    const m = extractPage(article('<meta name="author" content="Hours Ago">', '<p class="byline">By Maria Lopez</p>'));
    assert.deepEqual([m.authors, m.provenance.authors], [['Maria Lopez'], 'text']);
  });
});

describe('title and other metadata', () => {
  it('takes the visible headline when the metadata title adds a site name or a label to it', () => {
    const body = `<article><h1>Europas Athleten fit für München</h1>${paragraphs(4)
      .map((p) => `<p>${p}</p>`)
      .join('')}</article>`;
    for (const og of [
      'Europas Athleten fit für München - Championships Portal',
      'Chronik: Europas Athleten fit für München',
    ]) {
      const a = extractArticle({
        html: newsPage({ head: `<meta property="og:title" content="${og}">`, body }),
        url: 'https://n.example/a',
      });
      assert.deepEqual([a.title, a.provenance.title], ['Europas Athleten fit für München', 'heading'], og);
    }
  });

  it('takes the headline, strips the site suffix from <title>, and reads language, canonical and site', () => {
    const head =
      '<title>Budget vote delayed again | Daily Courier</title><link rel="canonical" href="/news/budget"><meta property="og:site_name" content="Daily Courier"><meta property="og:image" content="/img/lead.jpg">';
    const a = extractArticle({ html: article(head), url: 'https://n.example/news/budget?utm=x', fetchedAt: FETCHED });
    assert.equal(a.title, 'Budget vote delayed again');
    assert.equal(a.canonicalUrl, 'https://n.example/news/budget');
    assert.equal(a.leadImage, 'https://n.example/img/lead.jpg');
    assert.equal(a.siteName, 'Daily Courier');
    assert.equal(a.language, 'en');
    assert.ok(!a.body.includes('Budget vote delayed again'));
    assert.equal(a.wordCount, a.body.match(/[\p{L}\p{N}_]+/gu)?.length);
  });
});
