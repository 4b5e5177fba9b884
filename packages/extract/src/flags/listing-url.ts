// URL shapes of listing pages (home, tag, category, search, author archives) on any site.
const LISTING_PATH =
  /^\/(?:(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:tags?|topics?|category|categories|section|sections|search|author|authors|archive|archives|page)(?:\/|$)|(?:index\.\w+)?$)/i;

const ARTICLE_PARAMS = ['p', 'id', 'story', 'article', 'aid', 'nid', 'newsid', 'articleid'];

export function isListingUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.searchParams.has('s') || u.searchParams.has('q') || u.searchParams.has('query')) return true;
    // "/?p=123" (WordPress plain permalinks) and "/index.php?id=9" address one article.
    if (ARTICLE_PARAMS.some((k) => u.searchParams.has(k))) return false;
    return LISTING_PATH.test(u.pathname);
  } catch {
    return false;
  }
}
