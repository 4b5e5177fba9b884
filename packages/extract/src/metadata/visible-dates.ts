// Dates shown on the page (<time> elements and written dates), ranked by where they sit: near the
// headline or in a byline/date box beats one in a sidebar, a comment, a link to another story or
// the middle of the prose. A date introduced by "updated"/"aktualisiert"… is a modification date.
import type { AnyNode, Element } from 'domhandler';
import type { PageIndex } from '../dom/page-index.ts';
import { isElement } from '../dom/walk.ts';
import { parseStatedDate, type StatedDate } from './dates.ts';
import { findTextDates, dayIso } from './text-dates.ts';

export interface VisibleDate {
  date: StatedDate;
  score: number;
  fromTimeElement: boolean;
  modified: boolean;
}

const MAY_HOLD_DATE = /(?:19|20)\d{2}|\d\.\d{1,2}\.\d{2}(?!\d)/;
const SKIP_PARENTS = new Set(['script', 'style', 'noscript', 'template', 'title', 'textarea', 'option', 'head']);
const MAX_CANDIDATES = 300;
const PUBLISHED_CUE =
  /(?:published|posted|released|veröffentlicht|erschienen|publiziert|erstellt|geschrieben|publié|publicado|publicada|pubblicato|gepubliceerd|geplaatst|opublikowano|publikacja|dodano|datum|date|fecha|data)\b\s*(?:on|am|le|el|il|op|dnia)?\s*:?\s*$/iu;
const UPDATED_CUE =
  /(?:updated|update|modified|changed|aktualisiert|geändert|stand|mis à jour|modifié|actualizado|actualización|aggiornato|aggiornamento|bijgewerkt|gewijzigd|zaktualizowano|aktualizacja|atualizado)\b[^\d]{0,25}$/iu;
const CHROME_BOX = /comment|sidebar|widget|related|recent|archive|calendar|teaser|footer|reply|respond|popular/;
const DATE_BOX = /date|time|datum|posted|published|byline|meta|dateline|info|author/;

/** Dated candidates on the page, best first. `anchor` is the headline (or the main text) element. */
export function visibleDates(index: PageIndex, anchor: Element | undefined, monthFirst: boolean): VisibleDate[] {
  const anchorAt = anchor ? index.nodes.indexOf(anchor) : -1;
  const out: VisibleDate[] = [];
  for (let i = 0; i < index.nodes.length && out.length < MAX_CANDIDATES; i++) {
    const node = index.nodes[i]!;
    const at = { node, distance: i - anchorAt, anchored: anchorAt >= 0 };
    if (isElement(node) && node.name === 'time') {
      const stated = parseStatedDate(node.attribs.datetime);
      if (stated) out.push(rank(at, stated, `${previousText(index.nodes, i)} `, 0));
    } else if (node.type === 'text' && MAY_HOLD_DATE.test(node.data) && !insideTime(node) && isVisibleText(node)) {
      const text = node.data.length > 400 ? node.data.slice(0, 400) : node.data;
      const dates = findTextDates(text, monthFirst).slice(0, 3);
      const previous = dates.length > 0 ? previousText(index.nodes, i) : '';
      for (const found of dates) {
        const before = `${previous} ${text.slice(0, found.index)}`.slice(-60);
        out.push(rank(at, parseStatedDate(dayIso(found))!, before, node.data.length));
      }
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

interface Position {
  node: AnyNode;
  /** Nodes between the anchor and this one, in document order (negative: before the anchor). */
  distance: number;
  anchored: boolean;
}

function rank(
  { node, distance, anchored }: Position,
  date: StatedDate,
  before: string,
  textLength: number,
): VisibleDate {
  const boxes = ancestry(node);
  let score = anchored ? -10 * Math.log2(1 + Math.abs(distance)) - (distance < 0 ? 5 : 0) : -40;
  if (PUBLISHED_CUE.test(before)) score += 25;
  if (boxes.dateBox) score += 10;
  if (isElement(node) && node.name === 'time') score += 10;
  if (boxes.linked) score -= 30;
  if (boxes.chrome) score -= 40;
  if (textLength > 300) score -= 20;
  return { date, score, fromTimeElement: isElement(node) && node.name === 'time', modified: UPDATED_CUE.test(before) };
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
}

function ancestry(node: AnyNode): Ancestry {
  const found: Ancestry = { linked: false, chrome: false, dateBox: false };
  let cur = node.parent;
  for (let depth = 0; cur && isElement(cur) && depth < 12; depth++, cur = cur.parent) {
    const names = `${cur.attribs.class ?? ''} ${cur.attribs.id ?? ''} ${cur.attribs.itemprop ?? ''}`.toLowerCase();
    if (cur.name === 'a') found.linked = true;
    if (cur.name === 'nav' || cur.name === 'footer' || cur.name === 'aside' || CHROME_BOX.test(names))
      found.chrome = true;
    if (depth < 4 && DATE_BOX.test(names)) found.dateBox = true;
  }
  return found;
}

function previousText(nodes: AnyNode[], i: number): string {
  for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
    const n = nodes[j]!;
    if (n.type === 'text' && n.data.trim()) return n.data.trim().slice(-40);
  }
  return '';
}
