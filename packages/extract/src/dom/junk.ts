// Decides which page elements are chrome. Vocabulary and tags are only hints: an element that
// carries most of the page's readable text is never thrown away on a class name alone.
import type { Element } from 'domhandler';
import type { PageIndex, TextStats } from './page-index.ts';
import {
  EMBEDDED_CHROME_RE,
  CHROME_ITEMPROPS,
  CHROME_RE,
  CHROME_ROLES,
  CHROME_TAGS,
  CONTENT_RE,
  EMBED_RE,
  SOFT_CHROME_TAGS,
  WEAK_CHROME_RE,
} from './vocab.ts';

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

export function isChrome(el: Element, index: PageIndex): boolean {
  if (CHROME_TAGS.has(el.name)) return true;
  if (isHidden(el)) return true;
  const stats = index.stats.get(el) ?? { text: 0, link: 0, prose: 0 };
  if (isProtected(stats, index)) return false;
  if (SOFT_CHROME_TAGS.has(el.name)) return true;
  if (CHROME_ROLES.has((el.attribs.role ?? '').toLowerCase())) return true;
  const itemprop = el.attribs.itemprop;
  if (itemprop && CHROME_ITEMPROPS.test(itemprop) && stats.text < 300) return true;
  // Row and cell classes name data ("player-2020", "odd-row"), not page furniture.
  if (TABLE_PARTS.has(el.name)) return false;
  return hasChromeClass(el, stats, index);
}

const TABLE_PARTS = new Set(['tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'col', 'colgroup']);

function hasChromeClass(el: Element, stats: TextStats, index: PageIndex): boolean {
  const names = classAndId(el);
  if (!names || EMBED_RE.test(names)) return false;
  const strong = CHROME_RE.test(names) || EMBEDDED_CHROME_RE.test(names);
  // Weak words ("header", "modal", "meta") also name wrappers: only small or link-heavy boxes go.
  if (!strong && !(WEAK_CHROME_RE.test(names) && stats.prose < index.totalProse * 0.15)) return false;
  // "article-body share-enabled": the content word wins when the node holds real prose.
  return !(CONTENT_RE.test(names) && stats.text > 200 && stats.link < stats.text * 0.3);
}

/** State classes describe the content, not the box (WordPress "author-jane", Drupal "field-label-hidden"). */
const MODIFIER_TOKEN =
  /^(?:has|is|no|with|without|category|cat|tag|tags|author|format|type|status|post-format|page-template|node-type|field-label|section|single|singular|template|term|lang|js|theme|hidden|visible|show|hide|d|col|offset|layout)-/;

/**
 * Page builders name every box after their own parts ("elementor-widget-container", "et_pb_module",
 * "wp-block-group"): those tokens say how a box is built, not what it holds.
 */
const BUILDER_TOKEN =
  /^(?:elementor|et_pb|et-pb|vc_|wpb|fl-|tve|tcb|fusion|avia|av_|so-widget|siteorigin|kc-|brxe|oxy-|wp-block|uagb|kadence|stk-|gb-)/;
/** A state word inside a token ends what the token says about the box ("o-section--has-ads"). */
const STATE_PART = /(?:^|[-_]+)(?:has|with|without|no|enable|enabled|disable|disabled|show|hide|is)[-_]+.*$/;

export function classAndId(el: Element): string {
  const { class: cls, id } = el.attribs;
  if (!cls && !id) return '';
  const tokens = `${cls ?? ''} ${id ?? ''}`.toLowerCase().split(/\s+/);
  return tokens
    .filter((t) => t && !MODIFIER_TOKEN.test(t) && !BUILDER_TOKEN.test(t))
    .map((t) => t.replace(STATE_PART, ''))
    .filter(Boolean)
    .join(' ');
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  return a.style !== undefined && HIDDEN_STYLE.test(a.style);
}

/** Wrappers holding most of the page's prose are structure, whatever they are called. */
function isProtected(stats: TextStats, index: PageIndex): boolean {
  const prose = index.totalProse;
  if (prose >= 150 && stats.prose >= prose * 0.9) return true;
  if (prose >= 300 && stats.prose >= prose * 0.6 && stats.prose >= index.totalText * 0.2) return true;
  return index.totalText > 0 && stats.text >= index.totalText * 0.5 && stats.link < stats.text * 0.4;
}
