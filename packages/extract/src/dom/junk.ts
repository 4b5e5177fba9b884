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
  const stats = index.stats.get(el) ?? { text: 0, link: 0, prose: 0 };
  // A hidden tab or paged section of the article (shown by a script) is still its text.
  if (isHidden(el)) return !isHiddenSection(el, stats);
  if (isProtected(stats, index)) return false;
  if (SOFT_CHROME_TAGS.has(el.name)) return !holdsProse(el.name, stats, index);
  if (CHROME_ROLES.has((el.attribs.role ?? '').toLowerCase())) return true;
  const itemprop = el.attribs.itemprop;
  if (itemprop && CHROME_ITEMPROPS.test(itemprop) && stats.text < 300) return true;
  // Row and cell classes name data ("player-2020", "odd-row"), not page furniture.
  if (TABLE_PARTS.has(el.name)) return false;
  return hasChromeClass(el, stats, index);
}

/**
 * An article's <header> carries its standfirst, and some CMSs wrap the whole text in a <form>:
 * with a prose paragraph and few links inside, these are content, not site furniture.
 */
const MIN_HELD_PROSE = 80;
/** A form beside the article (consent, sign-up) also has prose: it must hold a good part of the page's. */
const FORM_PROSE_SHARE = 0.3;

function holdsProse(tag: string, stats: TextStats, index: PageIndex): boolean {
  if (tag !== 'header' && tag !== 'form') return false;
  if (stats.prose < MIN_HELD_PROSE || stats.link >= stats.text * 0.3) return false;
  return tag === 'header' || stats.prose >= index.totalProse * FORM_PROSE_SHARE;
}

const TABLE_PARTS = new Set(['tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'col', 'colgroup']);

function hasChromeClass(el: Element, stats: TextStats, index: PageIndex): boolean {
  const names = classAndId(el);
  if (!names || EMBED_RE.test(names)) return false;
  const strong = CHROME_RE.test(names) || EMBEDDED_CHROME_RE.test(names);
  // Weak words ("header", "modal", "meta", Blogger's "widget Blog") also name wrappers: only small
  // or link-heavy boxes go; a box with a few hundred characters of unlinked text is content.
  if (!strong && !(WEAK_CHROME_RE.test(names) && isMinorBox(stats, index))) return false;
  // "article-body share-enabled": the content word wins when the node holds real prose.
  return !(CONTENT_RE.test(names) && stats.text > 200 && stats.link < stats.text * 0.3);
}

const MINOR_UNLINKED = 400;

function isMinorBox(stats: TextStats, index: PageIndex): boolean {
  if (stats.prose >= index.totalProse * 0.15) return false;
  return stats.text - stats.link < MINOR_UNLINKED || stats.link > stats.text * 0.5;
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

const MIN_HIDDEN_PROSE = 200;

function isHiddenSection(el: Element, stats: TextStats): boolean {
  const a = el.attribs;
  // Hidden microdata blocks are machine copies of the article, not a part of it.
  if (a['aria-hidden'] === 'true' || a.itemscope !== undefined || CHROME_ROLES.has((a.role ?? '').toLowerCase()))
    return false;
  return stats.prose >= MIN_HIDDEN_PROSE && stats.link < stats.text * 0.1;
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
