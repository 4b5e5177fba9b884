import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { judge } from '../src/politeness/robots.ts';
import { parseRetryAfter } from '../src/politeness/retry-after.ts';
import { parseDiscovery } from '../src/discovery/parse-discovery.ts';
import { decodeXml } from '../src/discovery/decode-xml.ts';

const rules = (body: string) => ({ kind: 'rules' as const, body });

void test('robots rules: specific group wins, longest match, Allow overrides, wildcards and $', () => {
  const record = rules(
    [
      'User-agent: *',
      'Disallow: /',
      '',
      'User-agent: NewsflowBot',
      'Disallow: /private',
      'Allow: /private/ok',
      'Disallow: /*.pdf$',
      'Crawl-delay: 2.5',
    ].join('\n'),
  );
  const allowed = (path: string) => judge(record, `https://n.example${path}`, 'NewsflowBot').allowed;
  assert.equal(allowed('/news/1'), true);
  assert.equal(allowed('/private/x'), false);
  assert.equal(allowed('/private/ok/1'), true);
  assert.equal(allowed('/doc.pdf'), false);
  assert.equal(allowed('/doc.pdf?x=1'), true);
  assert.equal(judge(record, 'https://n.example/news', 'OtherBot').allowed, false);
  assert.equal(judge(record, 'https://n.example/', 'NewsflowBot').crawlDelayMs, 2500);
});

void test('robots: 4xx allows everything, 5xx or unreachable disallows for now', () => {
  assert.deepEqual(judge({ kind: 'allow-all', why: 'HTTP 404' }, 'https://n.example/a', 'NewsflowBot'), {
    allowed: true,
    crawlDelayMs: undefined,
  });
  const verdict = judge({ kind: 'disallow-all', why: 'HTTP 503' }, 'https://n.example/a', 'NewsflowBot');
  assert.equal(verdict.allowed, false);
  assert.equal(verdict.unavailable, 'HTTP 503');
  assert.equal(judge(rules(''), 'https://n.example/a', 'NewsflowBot').allowed, true);
});

void test('Retry-After: seconds, HTTP dates, junk, past dates and the cap', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('120', now, 3_600_000), 120_000);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now, 3_600_000), 30_000);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now, 3_600_000), 0);
  assert.equal(parseRetryAfter('999999', now, 60_000), 60_000);
  assert.equal(parseRetryAfter('soon', now, 60_000), undefined);
  assert.equal(parseRetryAfter('-5', now, 60_000), undefined);
  assert.equal(parseRetryAfter(undefined, now, 60_000), undefined);
});

const BASE = 'https://n.example/feed';

void test('RSS 2.0: links (or permalink guids), titles with entities, RFC 822 dates', () => {
  const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
    <title>N</title><link>https://n.example/</link><atom:link href="https://n.example/feed" rel="self"/>
    <item><title>Caf&#233; &amp; bar</title><link>https://n.example/a?utm_source=rss</link><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate></item>
    <item><title><![CDATA[Second <b>story</b>]]></title><guid>https://n.example/b</guid><dc:date>2025-06-11T08:00:00+02:00</dc:date></item>
    <item><title>No link</title><guid isPermaLink="false">tag:123</guid></item>
    <item><title>Relative</title><link>/c</link></item>
  </channel></rss>`;
  const parsed = parseDiscovery(xml, BASE);
  assert.equal(parsed.kind, 'articles');
  assert.deepEqual(parsed.kind === 'articles' ? parsed.entries : [], [
    { url: 'https://n.example/a?utm_source=rss', title: 'Café & bar', publishedAt: '2025-06-10T04:00:00.000Z' },
    { url: 'https://n.example/b', title: 'Second story', publishedAt: '2025-06-11T06:00:00.000Z' },
    { url: 'https://n.example/c', title: 'Relative' },
  ]);
});

void test('Atom: alternate link, typed titles, published over updated', () => {
  const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>
    <entry><title type="html">A &lt;em&gt;title&lt;/em&gt;</title><link rel="self" href="https://n.example/self"/><link rel="alternate" type="text/html" href="https://n.example/x"/><published>2025-01-02T03:04:05Z</published><updated>2025-02-01T00:00:00Z</updated></entry>
    <entry><title>Only updated</title><link href="https://n.example/y"/><updated>2025-02-01T00:00:00Z</updated></entry>
  </feed>`;
  const parsed = parseDiscovery(xml, BASE);
  assert.deepEqual(parsed.kind === 'articles' ? parsed.entries : parsed, [
    { url: 'https://n.example/x', title: 'A title', publishedAt: '2025-01-02T03:04:05.000Z' },
    { url: 'https://n.example/y', title: 'Only updated', publishedAt: '2025-02-01T00:00:00.000Z' },
  ]);
});

void test('sitemaps: urlset with Google News tags, sitemap index, unknown roots, broken XML', () => {
  const news = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://n.example/n1</loc><news:news><news:publication><news:name>N</news:name><news:language>en</news:language></news:publication><news:publication_date>2025-03-04</news:publication_date><news:title>Big news</news:title></news:news></url>
    <url><loc> https://n.example/plain </loc><lastmod>2025-03-01T10:00:00+00:00</lastmod></url>
  </urlset>`;
  const parsed = parseDiscovery(news, BASE);
  assert.deepEqual(parsed.kind === 'articles' ? parsed.entries : parsed, [
    { url: 'https://n.example/n1', title: 'Big news', publishedAt: '2025-03-04T00:00:00.000Z' },
    { url: 'https://n.example/plain', publishedAt: '2025-03-01T10:00:00.000Z' },
  ]);
  const index = parseDiscovery(
    '<sitemapindex><sitemap><loc>https://n.example/s1.xml.gz</loc></sitemap><sitemap><loc>https://n.example/s2.xml</loc></sitemap></sitemapindex>',
    BASE,
  );
  assert.deepEqual(index.kind === 'sitemaps' ? index.entries.map((e) => e.url) : index, [
    'https://n.example/s1.xml.gz',
    'https://n.example/s2.xml',
  ]);
  assert.deepEqual(parseDiscovery('<html><body>hi</body></html>', BASE), { kind: 'unknown', root: 'html' });
  assert.equal(parseDiscovery('not xml at all <<<', BASE).kind, 'unknown');
});

void test('feed bytes: XML declaration encoding, BOM, header charset', () => {
  const koi = iconv.encode(
    '<?xml version="1.0" encoding="KOI8-R"?><rss><channel><item><title>Новости</title><link>https://n.example/r</link></item></channel></rss>',
    'koi8-r',
  );
  const parsed = parseDiscovery(decodeXml(koi, 'application/xml'), BASE);
  assert.equal(parsed.kind === 'articles' ? parsed.entries[0]?.title : '', 'Новости');
  const latin = iconv.encode(
    '<rss><channel><item><title>Übersicht</title><link>https://n.example/u</link></item></channel></rss>',
    'windows-1252',
  );
  assert.match(decodeXml(latin, 'text/xml; charset=windows-1252'), /Übersicht/);
  assert.match(
    decodeXml(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>é</a>')]),
      'text/xml; charset=iso-8859-1',
    ),
    /<a>é<\/a>/,
  );
});
