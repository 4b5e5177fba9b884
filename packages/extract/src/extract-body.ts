// Body extraction: linearise the page into blocks, pick the main container by text evidence,
// then keep that container's article paragraphs.
import type { AnyNode, Element } from 'domhandler';
import { collectBlocks } from './dom/blocks.ts';
import { selectMainContent } from './dom/main-content.ts';
import type { PageIndex } from './dom/page-index.ts';
import { templateIndex } from './dom/script-templates.ts';
import { narrowToTitledArticle } from './dom/titled-article.ts';
import { isElement, isInside, textOf, wordsOf } from './dom/walk.ts';
import { assembleBody } from './text/assemble-body.ts';
import { decodeHTML } from 'entities';
import { collapseSpace, matchKey } from './text/normalize.ts';

export interface BodyInput {
  titles: Set<string>;
  ldBody: string | undefined;
}

export interface BodyResult {
  paragraphs: string[];
  bylines: string[];
  /** The element the body was read from. */
  container: Element | undefined;
}

const CAPTION_CLASS = /caption|credit|cutline|photo-?desc|image-?desc|media-?desc|wp-caption-text/i;
const BYLINE_CLASS = /byline|author/i;

export function extractBody(index: PageIndex, input: BodyInput): BodyResult {
  const read = readBody(index, input);
  const templates = lengthOf(read.paragraphs) < MIN_VISIBLE_BODY ? templateIndex(index) : undefined;
  const fromTemplate = templates ? readBody(templates, input) : undefined;
  const body = fromTemplate && lengthOf(fromTemplate.paragraphs) > lengthOf(read.paragraphs) ? fromTemplate : read;
  return {
    paragraphs: orStructuredBody(body.paragraphs, input.ldBody),
    bylines: [...bylineTexts(index), ...body.bylines],
    container: read.container,
  };
}

/** Below this many characters the visible page holds no article: look for one in markup templates. */
const MIN_VISIBLE_BODY = 200;

function readBody(index: PageIndex, input: BodyInput): BodyResult {
  const root = contentRoot(index);
  if (!root) return { paragraphs: [], bylines: [], container: undefined };
  const blocks = collectBlocks(root, index);
  const chosen = selectMainContent(blocks, root, index.stats, index.totalProse);
  const container = narrowToTitledArticle(chosen, index, input.titles);
  const inside = blocks.filter((b) => isInside(b.el, container));
  const body = assembleBody(inside, { titles: input.titles, captions: captionKeys(index) });
  return { ...body, container };
}

function lengthOf(paragraphs: string[]): number {
  return paragraphs.reduce((n, p) => n + p.length, 0);
}

/**
 * JSON-LD articleBody is often truncated or padded, so it never overrides the page's own text; it
 * fills in when the page yields (almost) nothing (a script-rendered article), or when what the page
 * shows is a teaser of it (paywall, "read more"): the visible paragraphs are all in it, and it is
 * at least twice as long.
 */
function orStructuredBody(paragraphs: string[], ldBody: string | undefined): string[] {
  const found = lengthOf(paragraphs);
  if (!ldBody || ldBody.length < Math.max(300, found * 2)) return paragraphs;
  const structured = ldBody
    .split(/\n+/)
    .map((p) => collapseSpace(decodeHTML(p)))
    .filter(Boolean);
  if (found < 200) return structured;
  return isTeaserOf(paragraphs, matchKey(structured.join(' '))) ? structured : paragraphs;
}

/** Most of the visible text (by length) appears, paragraph by paragraph, in the structured body. */
function isTeaserOf(paragraphs: string[], full: string): boolean {
  let inside = 0;
  let total = 0;
  for (const p of paragraphs) {
    const key = matchKey(p);
    total += key.length;
    if (full.includes(key)) inside += key.length;
  }
  return total > 0 && inside >= total * 0.8;
}

function contentRoot(index: PageIndex): Element | undefined {
  if (index.body) return index.body;
  const top = index.doc.children.filter((n): n is Element => isElement(n));
  return top.find((n) => n.name === 'html') ?? top[0];
}

/** Caption texts anywhere on the page: they must not reappear in the body as paragraphs. */
function captionKeys(index: PageIndex): Set<string> {
  const keys = new Set<string>();
  for (const el of candidates(index, CAPTION_CLASS, ['figcaption'])) {
    const key = matchKey(textOf(el, 2000));
    if (key.length > 15) keys.add(key);
  }
  // A long alt text is the photo's caption; printed again as a paragraph it is still a caption.
  for (const img of index.byTag.get('img') ?? []) {
    const key = matchKey(img.attribs.alt ?? '');
    if (key.length > 40) keys.add(key);
  }
  return keys;
}

/** Visible bylines (class "byline"/"author"), outside forms and comment threads. */
function bylineTexts(index: PageIndex): string[] {
  const boxes = candidates(index, BYLINE_CLASS, []).filter((el) => !insideFormOrComments(el));
  return boxes
    .map((el) => wordsOf(el, 300))
    .filter((t) => t.length > 2 && t.length < 120)
    .slice(0, 5);
}

function insideFormOrComments(el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = cur.parent && isElement(cur.parent) ? cur.parent : null) {
    if (cur.name === 'form' || /comment/i.test(`${cur.attribs.class ?? ''} ${cur.attribs.id ?? ''}`)) return true;
  }
  return false;
}

function candidates(index: PageIndex, classRe: RegExp, tags: string[]): Element[] {
  const out: Element[] = tags.flatMap((t) => index.byTag.get(t) ?? []);
  for (const node of index.nodes)
    if (isElement(node) && hasClass(node, classRe) && (index.stats.get(node)?.text ?? 0) < 600) out.push(node);
  return out;
}

function hasClass(node: AnyNode, re: RegExp): boolean {
  return isElement(node) && re.test(node.attribs.class ?? '');
}
