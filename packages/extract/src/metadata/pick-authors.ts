// Authors with provenance: JSON-LD author (objects, arrays, @id references, any item of the page),
// then microdata, then meta tags, then visible bylines: a "Von X" / "Par X" / "Text: X" line near
// the headline, rel=author links, byline/author boxes, byline lines found in the text.
import type { MetadataSource } from '@newsflow/contracts';
import type { Element } from 'domhandler';
import type { PageIndex } from '../dom/page-index.ts';
import { isElement, isInside, textOf, wordsOf } from '../dom/walk.ts';
import { authorPageLinks, inComments } from './author-links.ts';
import { BYLINE_LEAD, bylineText, cleanAuthors, nameAfterDate, type NameContext } from './authors.ts';
import type { HeadTags } from './head-tags.ts';
import { isObject, ldNames, typesOf, type LdObject } from './json-ld.ts';

export interface Authored {
  authors: string[];
  source: MetadataSource | undefined;
}

export interface AuthorSources {
  index: PageIndex;
  tags: HeadTags;
  article: LdObject | undefined;
  ld: LdObject[];
  anchor: Element | undefined;
  bylines: string[];
  site: NameContext;
}

export function pickAuthors(src: AuthorSources): Authored {
  const structured: Array<[string[], MetadataSource]> = [
    [ldAuthors(src.article, src.ld), 'json-ld'],
    [microdataAuthors(src.index), 'microdata'],
    [metaAuthors(src.tags), 'meta'],
  ];
  for (const [raw, source] of structured) {
    const authors = cleanAuthors(raw, { ...src.site, allowHandles: true });
    if (authors.length > 0) return { authors, source };
  }
  // Visible bylines: the first line that yields a name wins (later boxes are often other people).
  const lines = [
    ...leadInLines(src.index, src.anchor),
    ...relAuthorLinks(src.index),
    ...authorPageLinks(src.index, src.anchor),
    ...src.bylines,
  ];
  for (const line of lines) {
    const authors = cleanAuthors([line], src.site);
    if (authors.length > 0) return { authors, source: 'text' };
  }
  return { authors: [], source: undefined };
}

function ldAuthors(article: LdObject | undefined, ld: LdObject[]): string[] {
  const byId = new Map(ld.filter((o) => typeof o['@id'] === 'string').map((o) => [o['@id'] as string, o]));
  const resolve = (v: unknown): unknown => {
    const list = Array.isArray(v) ? v : [v];
    return list.map((item) =>
      isObject(item) && !item.name && typeof item['@id'] === 'string' ? byId.get(item['@id']) : item,
    );
  };
  const own = ldNames(resolve(article?.author ?? article?.creator));
  if (own.length > 0) return own;
  const other = ld.find((o) => o !== article && o.author && !typesOf(o).some((t) => /review|comment/i.test(t)));
  return other ? ldNames(resolve(other.author)) : [];
}

function microdataAuthors(index: PageIndex): string[] {
  const els = index.itemprops.filter((e) => /^(author|creator)$/i.test(e.attribs.itemprop ?? ''));
  return els.slice(0, 5).map((el) => {
    const name = index.itemprops.find((n) => n.attribs.itemprop === 'name' && isInside(n, el));
    const named = el.attribs.content ?? textOf(name ?? el);
    return named.slice(0, 200);
  });
}

function metaAuthors(tags: HeadTags): string[] {
  const keys = [
    'author',
    'article:author',
    'dc.creator',
    'byl',
    'sailthru.author',
    'parsely-author',
    'citation_author',
  ];
  return keys.flatMap((k) => tags.meta.get(k) ?? []).filter((v) => !/^https?:/i.test(v));
}

const LINE_TAGS = new Set([
  'p',
  'div',
  'span',
  'li',
  'address',
  'small',
  'strong',
  'em',
  'b',
  'dd',
  'td',
  'h4',
  'h5',
  'h6',
  'dt',
  'byline',
]);
/** A label standing alone ("Autor:" in its own element, the name in the next one). */
const LABEL_ONLY =
  /^(?:autor(?:in)?|author|text|von|by|verfasser(?:in)?|redaktion|auteur|autore|autora|por|par)\s*:?$/iu;
const MAY_LEAD =
  /^\s*(?:\p{L}+\s+){0,2}(?:by|von|vom|par|por|di|door|przez|af|av|text|texte|autor(?:in|en)?|authors?|verfasser|interview|auteurs?|autore|autori|autora|autores|tekst|redaktion)(?!\p{L})/iu;
const MAX_LINES = 3;
/** Nodes from the headline within which a date line's trailing name is taken as the byline. */
const DATE_LINE_REACH = 30;

/** Short lines that start with a byline lead-in ("Von", "Par", "Text:"…), nearest the headline first. */
function leadInLines(index: PageIndex, anchor: Element | undefined): string[] {
  const at = anchor ? index.nodes.indexOf(anchor) : 0;
  const found: Array<[number, string, Element]> = [];
  for (let i = 0; i < index.nodes.length; i++) {
    const node = index.nodes[i]!;
    if (!isElement(node) || !LINE_TAGS.has(node.name)) continue;
    const size = index.stats.get(node)?.text ?? 0;
    if (size < 2 || size > 100) continue;
    const text = MAY_LEAD.test(bylineText(textOf(node, 80))) ? leadInText(node) : dateLineName(node, i - at);
    if (!text || inComments(node)) continue;
    // The innermost box is the byline itself; its parent line also holds the date or "1 comment".
    const last = found.at(-1);
    if (last && isInside(node, last[2])) found.pop();
    found.push([Math.abs(i - at), text, node]);
  }
  return found
    .sort((a, b) => a[0] - b[0])
    .slice(0, MAX_LINES)
    .map(([, line]) => line);
}

function leadInText(node: Element): string {
  const line = bylineText(wordsOf(node, 150));
  return LABEL_ONLY.test(line) ? `Autor: ${followingText(node)}` : BYLINE_LEAD.test(line) ? line : '';
}

/** A date line by the headline that ends in a name ("04.02.2022 | 13:10 Uhr | Uta Helkenberg"). */
function dateLineName(node: Element, distance: number): string {
  if (Math.abs(distance) > DATE_LINE_REACH) return '';
  const name = nameAfterDate(wordsOf(node, 150));
  return name ? `Von ${name}` : '';
}

/** Text right after an element: its next siblings, up to a short line. */
function followingText(el: Element): string {
  const parts: string[] = [];
  // A line break or the next label ("Datum:") ends the name.
  for (let cur = el.next; cur && parts.join(' ').length < 100; cur = cur.next) {
    if (isElement(cur) && ((cur.name === 'br' && parts.length > 0) || LABEL_ONLY.test(wordsOf(cur, 40)))) break;
    const text = cur.type === 'text' ? cur.data : isElement(cur) ? wordsOf(cur, 120) : '';
    if (text.trim()) parts.push(text.trim());
  }
  return parts.join(' ').slice(0, 120);
}

function relAuthorLinks(index: PageIndex): string[] {
  return (index.byTag.get('a') ?? [])
    .filter((a) => /\bauthor\b/i.test(a.attribs.rel ?? ''))
    .slice(0, 3)
    .map((a) => textOf(a, 200));
}
