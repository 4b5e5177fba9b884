// A page that shows several posts (a blog page with "more posts" below, an infinite-scroll story
// page) holds them in sibling <article> elements. The page's own headline says which one the
// page is about: narrow the container to the article that carries that headline.
import type { Element } from 'domhandler';
import { matchKey } from '../text/normalize.ts';
import type { PageIndex } from './page-index.ts';
import { isElement, isInside, preorder, textOf } from './walk.ts';

const HEADING = /^h[1-3]$/;
const MIN_ARTICLE_TEXT = 200;

export function narrowToTitledArticle(container: Element, index: PageIndex, titles: Set<string>): Element {
  const articles = (index.byTag.get('article') ?? []).filter(
    (a) => a !== container && isInside(a, container) && !hasArticleAncestor(a, container),
  );
  if (articles.length < 2) return container;
  const titled = articles.filter((a) => hasTitleHeading(a, titles));
  const only = titled.length === 1 ? titled[0]! : undefined;
  return only && (index.stats.get(only)?.text ?? 0) >= MIN_ARTICLE_TEXT ? only : container;
}

function hasArticleAncestor(el: Element, stop: Element): boolean {
  for (let cur = el.parent; cur && cur !== stop; cur = cur.parent)
    if (isElement(cur) && cur.name === 'article') return true;
  return false;
}

function hasTitleHeading(article: Element, titles: Set<string>): boolean {
  const nodes = preorder(article, 2000);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (isElement(n) && HEADING.test(n.name) && titles.has(matchKey(textOf(n, 1000)))) return true;
  }
  return false;
}
