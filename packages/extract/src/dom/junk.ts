// Decides which page elements are chrome. Vocabulary and tags are only hints: an element that
// carries most of the page's readable text is never thrown away on a class name alone.
import type { Element } from 'domhandler';
import type { PageIndex, TextStats } from './page-index.ts';
import { CHROME_ITEMPROPS, CHROME_RE, CHROME_ROLES, CHROME_TAGS, CONTENT_RE, SOFT_CHROME_TAGS } from './vocab.ts';

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

export function isChrome(el: Element, index: PageIndex): boolean {
  if (CHROME_TAGS.has(el.name)) return true;
  if (isHidden(el)) return true;
  const stats = index.stats.get(el) ?? { text: 0, link: 0 };
  if (isProtected(stats, index.totalText)) return false;
  if (SOFT_CHROME_TAGS.has(el.name)) return true;
  if (CHROME_ROLES.has((el.attribs.role ?? '').toLowerCase())) return true;
  const itemprop = el.attribs.itemprop;
  if (itemprop && CHROME_ITEMPROPS.test(itemprop) && stats.text < 300) return true;
  return hasChromeClass(el, stats);
}

function hasChromeClass(el: Element, stats: TextStats): boolean {
  const names = classAndId(el);
  if (!names || !CHROME_RE.test(names)) return false;
  // "article-body share-enabled": the content word wins when the node holds real prose.
  return !(CONTENT_RE.test(names) && stats.text > 200 && stats.link < stats.text * 0.3);
}

export function classAndId(el: Element): string {
  const { class: cls, id } = el.attribs;
  if (!cls && !id) return '';
  return `${cls ?? ''} ${id ?? ''}`.toLowerCase();
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  return a.style !== undefined && HIDDEN_STYLE.test(a.style);
}

/** Wrappers holding most of the readable, unlinked text are structure, whatever they are called. */
function isProtected(stats: TextStats, totalText: number): boolean {
  return totalText > 0 && stats.text >= totalText * 0.5 && stats.link < stats.text * 0.4;
}
