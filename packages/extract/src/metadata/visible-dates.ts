// Dates shown on the page (<time> elements and written dates), ranked by where they sit: near the
// headline or in a byline/date box beats one in a sidebar, a comment, a link to another story, the
// site banner or the middle of the prose. A date introduced by "updated"/"aktualisiert"… or marked
// up as dateModified is a modification date.
import type { AnyNode, Element } from 'domhandler';
import type { PageIndex } from '../dom/page-index.ts';
import { isElement, textOf } from '../dom/walk.ts';
import { parseStatedDate, type StatedDate } from './dates.ts';
import { findTextDates, dayIso, type TextDate } from './text-dates.ts';

export interface VisibleDate {
  date: StatedDate;
  score: number;
  fromTimeElement: boolean;
  modified: boolean;
  /** The day read the other way round, when the page wrote an ambiguous numeric date (03/04/2021). */
  swapped?: string;
}

/** A year, a dotted "24.04.20", or a two-digit year closing a bracket after a month name ("14 Gennaio 20 )"). */
const MAY_HOLD_DATE = /(?:19|20)\d{2}|\d\.\d{1,2}\.\d{2}(?!\d)|\p{L}\.?,?\s+\d{2}\s*[)\]]/u;
/**
 * Each form of MAY_HOLD_DATE has two digits in a row: this much cheaper test (no letter class tried
 * at every position) rules out most text nodes first. The cleaner's profile had MAY_HOLD_DATE at 5%.
 */
const TWO_DIGITS = /\d\d/;
const SKIP_PARENTS = new Set(['script', 'style', 'noscript', 'template', 'title', 'textarea', 'option', 'head']);
const MAX_CANDIDATES = 300;
const PUBLISHED_CUE =
  /(?:published|posted|released|veröffentlicht|erschienen|publiziert|erstellt|geschrieben|publié|publicado|publicada|pubblicato|gepubliceerd|geplaatst|opublikowano|publikacja|dodano|datum|date|fecha|data)\b\s*(?:on|am|le|el|il|op|dnia)?\s*:?\s*$/iu;
const UPDATED_CUE =
  /(?<!\p{L})(?:updated|update|modified|changed|last edited|aktualisiert|zuletzt(?: am)?|geändert|stand|mis à jour|modifié|actualizado|actualización|aggiornato|aggiornamento|bijgewerkt|gewijzigd|zaktualizowano|aktualizacja|atualizado)\b[^\d]{0,25}$/iu;
const CHROME_BOX = /comment|sidebar|widget|related|recent|archive|calendar|teaser|footer|reply|respond|popular/;
const DATE_BOX = /date|time|datum|posted|published|submitted|byline|meta|dateline|info|author/;
/** A date box whose parts sit in child elements: "date", "datum", "post-date"… and at most this long. */
const SPLIT_DATE_BOX = /(?:^|[\s_-])(?:date|datum|postdate|post-date|entry-date)(?:$|[\s_-])/i;
const SPLIT_DATE_CHARS = 30;
/** A date this far into a block this long is part of the story ("runs from 5 to 11 March"), not a date line. */
const PROSE_BLOCK = 80;
const PROSE_OFFSET = 25;

/** Dated candidates on the page, best first. `anchor` is the headline (or the main text) element. */
export function visibleDates(index: PageIndex, anchor: Element | undefined, monthFirst: boolean): VisibleDate[] {
  const anchorAt = anchor ? index.nodes.indexOf(anchor) : -1;
  const manyArticles = (index.byTag.get('article')?.length ?? 0) > 1;
  const out: VisibleDate[] = [];
  for (let i = 0; i < index.nodes.length && out.length < MAX_CANDIDATES; i++) {
    const node = index.nodes[i]!;
    const at: Position = { node, distance: i - anchorAt, anchored: anchorAt >= 0, anchor, manyArticles };
    if (isElement(node) && node.name === 'time') {
      const stated = parseStatedDate(node.attribs.datetime);
      // An empty <time> is markup for machines: readers never see it, so it ranks as a hidden date.
      const seen = textOf(node, 200).trim() ? 0 : -60;
      if (stated) out.push(rank(at, stated, `${previousText(index.nodes, i)} `, seen));
    } else if (isElement(node) && node.children.length > 1 && SPLIT_DATE_BOX.test(node.attribs.class ?? '')) {
      const split = splitDate(node, monthFirst);
      if (split) out.push(rank({ ...at, node: split.first }, split.date, `${previousText(index.nodes, i)} `, 15));
    } else if (
      node.type === 'text' &&
      TWO_DIGITS.test(node.data) &&
      MAY_HOLD_DATE.test(node.data) &&
      !insideTime(node) &&
      isVisibleText(node)
    ) {
      out.push(...textCandidates(index, at, i, monthFirst));
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * A date box that writes month, day and year in elements of their own (`<span class="month">Feb</span>
 * <span class="day">18</span><span class="year">2009</span>`): no one text holds the date, so its
 * parts are read together, spaced.
 */
function splitDate(box: Element, monthFirst: boolean): { date: StatedDate; first: AnyNode } | undefined {
  const texts: AnyNode[] = [];
  const stack: AnyNode[] = [...box.children].reverse();
  while (stack.length > 0 && texts.length < 8) {
    const n = stack.pop()!;
    if (n.type === 'text' && n.data.trim()) texts.push(n);
    else if (isElement(n) && !SKIP_PARENTS.has(n.name)) stack.push(...[...n.children].reverse());
  }
  const parts = texts.map((t) => (t as AnyNode & { data: string }).data.trim());
  const joined = parts.join(' ');
  if (texts.length < 2 || joined.length > SPLIT_DATE_CHARS || parts.some((p) => findTextDates(p, monthFirst).length))
    return undefined;
  const found = findTextDates(joined, monthFirst)[0];
  return found && { date: parseStatedDate(dayIso(found))!, first: texts[0]! };
}

function textCandidates(index: PageIndex, at: Position, i: number, monthFirst: boolean): VisibleDate[] {
  const node = at.node as AnyNode & { data: string };
  const text = node.data.length > 400 ? node.data.slice(0, 400) : node.data;
  const dates = findTextDates(text, monthFirst).slice(0, 3);
  const previous = dates.length > 0 ? previousText(index.nodes, i) : '';
  const lead = text.length - text.trimStart().length;
  const block = node.parent && isElement(node.parent) ? (index.stats.get(node.parent)?.text ?? 0) : 0;
  return dates.map((found) => {
    const before = `${previous} ${text.slice(0, found.index)}`.slice(-60);
    const offset = found.index - lead;
    const prose = Math.max(block, node.data.length) > PROSE_BLOCK && offset > PROSE_OFFSET;
    // A text that is little more than the date ("03.02.2022", "am 24. Juli 2017 - 18:55") is a date line.
    const alone = text.trim().length <= 30 ? 15 : 0;
    const shown = rank(at, parseStatedDate(dayIso(found))!, prose ? '' : before, prose ? -40 : alone);
    if (node.data.length > 300) shown.score -= 20;
    if (prose) shown.modified ||= UPDATED_CUE.test(before);
    return withSwap(shown, found);
  });
}

function withSwap(shown: VisibleDate, found: TextDate): VisibleDate {
  if (!found.ambiguous) return shown;
  return { ...shown, swapped: dayIso({ ...found, month: found.day, day: found.month }) };
}

interface Position {
  node: AnyNode;
  /** Nodes between the anchor and this one, in document order (negative: before the anchor). */
  distance: number;
  anchored: boolean;
  anchor: Element | undefined;
  /** Several <article> elements: those without the headline are other stories (teasers, related). */
  manyArticles: boolean;
}

function rank(at: Position, date: StatedDate, before: string, penalty: number): VisibleDate {
  const { node, distance, anchored } = at;
  const boxes = ancestry(node, at.anchor, at.manyArticles);
  let score = (anchored ? -10 * Math.log2(1 + Math.abs(distance)) - (distance < 0 ? 5 : 0) : -40) + penalty;
  if (PUBLISHED_CUE.test(before)) score += 25;
  if (boxes.dateBox) score += 10;
  if (isElement(node) && node.name === 'time') score += 10;
  if (boxes.linked) score -= 30;
  if (boxes.chrome) score -= 40;
  const modified = boxes.modifiedProp || UPDATED_CUE.test(before);
  return { date, score, fromTimeElement: isElement(node) && node.name === 'time', modified };
}

function isVisibleText(node: AnyNode): boolean {
  return !!node.parent && isElement(node.parent) && !SKIP_PARENTS.has(node.parent.name);
}

/** Text inside a <time datetime> is already counted through its element. */
function insideTime(node: AnyNode): boolean {
  const p = node.parent;
  return !!p && isElement(p) && p.name === 'time' && !!p.attribs.datetime;
}

interface Ancestry {
  linked: boolean;
  chrome: boolean;
  dateBox: boolean;
  /** Inside an element marked up as the modification date (itemprop="dateModified"). */
  modifiedProp: boolean;
}

function ancestry(node: AnyNode, anchor: Element | undefined, manyArticles: boolean): Ancestry {
  const found: Ancestry = { linked: false, chrome: false, dateBox: false, modifiedProp: false };
  let banner = false;
  let cur = node.parent;
  for (let depth = 0; cur && isElement(cur) && depth < 12; depth++, cur = cur.parent) {
    const names = `${cur.attribs.class ?? ''} ${cur.attribs.id ?? ''} ${cur.attribs.itemprop ?? ''}`.toLowerCase();
    if (cur.name === 'a') found.linked = true;
    // An <aside> of the article that is its date box ("meta") is not a sidebar.
    const aside = cur.name === 'aside' && !DATE_BOX.test(names);
    if (cur.name === 'nav' || cur.name === 'footer' || aside || CHROME_BOX.test(names)) found.chrome = true;
    if (depth < 4 && DATE_BOX.test(names)) found.dateBox = true;
    if (depth < 3 && /(?:^|\s)datemodified(?:\s|$)/.test(cur.attribs.itemprop?.toLowerCase() ?? ''))
      found.modifiedProp = true;
    // A page-level <header> without the headline is the site banner; its date is today's, not the story's.
    if (cur.name === 'header' && !(anchor && contains(cur, anchor))) banner = true;
    if (cur.name === 'article' || cur.name === 'main') banner = false;
    if (manyArticles && cur.name === 'article' && anchor && !contains(cur, anchor)) found.chrome = true;
  }
  if (banner) found.chrome = true;
  return found;
}

function contains(outer: Element, inner: AnyNode): boolean {
  for (let cur: AnyNode | null = inner; cur; cur = cur.parent) if (cur === outer) return true;
  return false;
}

function previousText(nodes: AnyNode[], i: number): string {
  for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
    const n = nodes[j]!;
    if (n.type === 'text' && n.data.trim()) return n.data.trim().slice(-40);
  }
  return '';
}
