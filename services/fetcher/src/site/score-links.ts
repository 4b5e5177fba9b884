import type { PageLink } from './page-links.ts';

/** Path segments that name listings, not articles: tags, authors, pagination, site furniture. */
const LISTING_SEGMENT =
  /^(tags?|topics?|authors?|writers?|people|category|categories|section|sections|page|pages|search|archive|archives|login|signin|sign-in|register|subscribe|subscription|newsletter|newsletters|account|about|about-us|contact|contact-us|privacy|terms|cookies|help|faq|jobs|careers|advertise|rss|feed|feeds|sitemap|video|videos|gallery|galleries|live|podcasts?|shop|events?)$/i;
const FILE = /\.(jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|xml|rss|json|css|js|ico)$/i;
const PAGINATION_QUERY = /(^|&)(page|p|paged|offset|start)=\d+/i;
const DATE_IN_PATH = /\/(19|20)\d{2}[/-](0?[1-9]|1[0-2])([/-](0?[1-9]|[12]\d|3[01]))?(\/|$)|\/(19|20)\d{6}(\/|$)/;

/** Only links on the page's own site count: www. and a bare host are one site. */
function sameSite(url: URL, page: URL): boolean {
  const strip = (host: string): string => host.replace(/^www\./, '');
  return strip(url.host) === strip(page.host);
}

function isListing(url: URL): boolean {
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.some((segment) => LISTING_SEGMENT.test(segment)) || FILE.test(url.pathname)) return true;
  return PAGINATION_QUERY.test(url.search.slice(1)) || /^\d{1,3}$/.test(segments.at(-1) ?? '');
}

/**
 * Pure: how much a link looks like an article, by the shape of its URL and anchor alone: a date in
 * the path, a long hyphenated slug, a long numeric id, a sentence-like anchor. Generic rules only.
 */
export function articleScore(link: PageLink, page: URL): number {
  const url = new URL(link.url);
  if (!sameSite(url, page) || isListing(url)) return 0;
  const segments = url.pathname.split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  let score = 0;
  if (DATE_IN_PATH.test(url.pathname)) score += 3;
  if (last.split(/[-_]/).filter((word) => /[a-z]/i.test(word)).length >= 3) score += 2;
  if (/\d{5,}/.test(last)) score += 1;
  if (segments.length >= 2) score += 1;
  if (link.text.split(' ').length >= 4) score += 1;
  return score;
}

export const ARTICLE_THRESHOLD = 3;

/** The article links of a page, best first, at most `max`. */
export function articleLinks(links: readonly PageLink[], pageUrl: string, max: number): string[] {
  const page = new URL(pageUrl);
  return links
    .map((link) => ({ url: link.url, score: articleScore(link, page) }))
    .filter((scored) => scored.score >= ARTICLE_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, max)
    .map((scored) => scored.url);
}

/** Section pages: same-site one-segment paths with a short anchor, not listings and not articles. */
export function sectionLinks(links: readonly PageLink[], pageUrl: string, max: number): string[] {
  const page = new URL(pageUrl);
  return links
    .filter((link) => {
      const url = new URL(link.url);
      const segments = url.pathname.split('/').filter(Boolean);
      const words = link.text.split(' ').filter(Boolean).length;
      return (
        sameSite(url, page) &&
        segments.length === 1 &&
        !url.search &&
        !isListing(url) &&
        words >= 1 &&
        words <= 3 &&
        articleScore(link, page) < ARTICLE_THRESHOLD
      );
    })
    .slice(0, max)
    .map((link) => link.url);
}
