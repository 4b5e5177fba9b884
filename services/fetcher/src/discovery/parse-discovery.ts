import { XMLParser } from 'fast-xml-parser';

/** One URL found in a feed or sitemap, with what the source says about it. */
export interface DiscoveredEntry {
  url: string;
  title?: string;
  publishedAt?: string;
}

export type DiscoveryDocument =
  | { kind: 'articles'; format: 'rss' | 'atom' | 'rdf' | 'sitemap'; entries: DiscoveredEntry[] }
  | { kind: 'sitemaps'; entries: DiscoveredEntry[] }
  | { kind: 'unknown'; root: string };

const ARRAY_TAGS = new Set(['item', 'entry', 'url', 'sitemap', 'link']);

// Namespace prefixes are dropped (news:news → news, dc:date → date); entity expansion stays
// bounded by fast-xml-parser's limits and external entities are never fetched.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  isArray: (name) => ARRAY_TAGS.has(name),
});

type Node = Record<string, unknown>;

/** Parses RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps, sitemap indexes and Google News sitemaps. */
export function parseDiscovery(xml: string, baseUrl: string): DiscoveryDocument {
  let root: Node;
  try {
    root = parser.parse(xml) as Node;
  } catch {
    return { kind: 'unknown', root: '(not well-formed XML)' };
  }
  const channel = asNode(asNode(root.rss)?.channel);
  if (channel)
    return { kind: 'articles', format: 'rss', entries: collect(channel.item, (item) => rssEntry(item, baseUrl)) };
  const rdf = asNode(root.RDF);
  if (rdf) return { kind: 'articles', format: 'rdf', entries: collect(rdf.item, (item) => rssEntry(item, baseUrl)) };
  const feed = asNode(root.feed);
  if (feed)
    return { kind: 'articles', format: 'atom', entries: collect(feed.entry, (entry) => atomEntry(entry, baseUrl)) };
  const urlset = asNode(root.urlset);
  if (urlset)
    return { kind: 'articles', format: 'sitemap', entries: collect(urlset.url, (url) => sitemapEntry(url, baseUrl)) };
  const index = asNode(root.sitemapindex);
  if (index) return { kind: 'sitemaps', entries: collect(index.sitemap, (sitemap) => sitemapEntry(sitemap, baseUrl)) };
  return { kind: 'unknown', root: Object.keys(root).find((key) => key !== '?xml') ?? '(empty)' };
}

function rssEntry(item: Node, base: string): DiscoveredEntry | undefined {
  const guid = item.guid;
  const guidIsLink = asNode(guid)?.['@_isPermaLink'] !== 'false';
  const href = firstText(item.link) ?? (guidIsLink ? textOf(guid) : undefined);
  return entry(href, base, textOf(item.title), textOf(item.pubDate) ?? textOf(item.date));
}

function atomEntry(item: Node, base: string): DiscoveredEntry | undefined {
  const links = asArray(item.link)
    .map(asNode)
    .filter((link): link is Node => link !== undefined);
  const alternate = links.find((link) => link['@_rel'] === undefined || link['@_rel'] === 'alternate');
  return entry(
    stringOf(alternate?.['@_href']),
    base,
    textOf(item.title),
    textOf(item.published) ?? textOf(item.updated),
  );
}

function sitemapEntry(item: Node, base: string): DiscoveredEntry | undefined {
  const news = asNode(item.news);
  return entry(textOf(item.loc), base, textOf(news?.title), textOf(news?.publication_date) ?? textOf(item.lastmod));
}

function entry(
  href: string | undefined,
  base: string,
  title: string | undefined,
  date: string | undefined,
): DiscoveredEntry | undefined {
  if (!href) return undefined;
  let url: string;
  try {
    url = new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
  const result: DiscoveredEntry = { url };
  const cleanTitle = title
    ?.replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleanTitle) result.title = cleanTitle.slice(0, 1000);
  const publishedAt = isoDate(date);
  if (publishedAt) result.publishedAt = publishedAt;
  return result;
}

/** RFC 822 (RSS), RFC 3339 (Atom) and W3C dates (sitemaps) → ISO 8601, or undefined. */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  if (Number.isNaN(time)) return undefined;
  return new Date(time).toISOString();
}

function collect(items: unknown, read: (item: Node) => DiscoveredEntry | undefined): DiscoveredEntry[] {
  const entries: DiscoveredEntry[] = [];
  for (const item of asArray(items)) {
    const node = asNode(item);
    const found = node ? read(node) : undefined;
    if (found) entries.push(found);
  }
  return entries;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Text of an element that may have come back as a string, {#text, @_attr} or a list. */
function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  return stringOf(value) ?? stringOf(asNode(value)?.['#text']);
}

/** First textual <link> among several (RSS channels mixing <link> and <atom:link href>). */
function firstText(value: unknown): string | undefined {
  for (const candidate of asArray(value)) {
    const text = stringOf(candidate) ?? stringOf(asNode(candidate)?.['#text']);
    if (text) return text;
  }
  return undefined;
}
