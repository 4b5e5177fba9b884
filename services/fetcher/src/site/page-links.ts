import { load } from 'cheerio/slim';

export interface PageLink {
  url: string;
  /** The anchor's text, whitespace collapsed. */
  text: string;
}

export interface PageLinks {
  /** `<link rel="alternate">` feeds (RSS, Atom, JSON Feed), absolute. */
  feeds: string[];
  /** Every `<a href>` to an http(s) URL, absolute, fragment removed, in page order, each once. */
  anchors: PageLink[];
}

const FEED_TYPES = /^application\/(rss|atom|feed)\+xml|^application\/(rss\+)?xml$|^text\/xml$/i;

/** Pure: the feeds a page announces and the links it carries. */
export function linksOfPage(html: string, pageUrl: string): PageLinks {
  const $ = load(html);
  const base = baseOf($('base[href]').attr('href'), pageUrl);
  const feeds = new Set<string>();
  $('link[rel~="alternate"][href]').each((_, element) => {
    const type = $(element).attr('type') ?? '';
    const url = absolute($(element).attr('href'), base);
    if (url && FEED_TYPES.test(type.trim())) feeds.add(url);
  });
  const anchors = new Map<string, PageLink>();
  $('a[href]').each((_, element) => {
    const url = absolute($(element).attr('href'), base);
    if (!url || anchors.has(url)) return;
    anchors.set(url, { url, text: $(element).text().replace(/\s+/g, ' ').trim() });
  });
  return { feeds: [...feeds], anchors: [...anchors.values()] };
}

function baseOf(href: string | undefined, pageUrl: string): string {
  return absolute(href, pageUrl) ?? pageUrl;
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}
