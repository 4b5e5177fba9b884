// Turns the blocks of the chosen container into the body: drops link lists, furniture lines,
// the title, bylines, datelines and captions (a caption repeated as a paragraph is still a caption),
// and repeated paragraphs, then joins paragraphs with one blank line.
import type { Block } from '../dom/blocks.ts';
import { isBoilerplateLine, isCreditLine } from './boilerplate.ts';
import { isDateLine } from './date-line.ts';
import { matchKey } from './normalize.ts';
import { SENTENCE_END, weightedLength } from '../dom/main-content.ts';

export interface BodyContext {
  titles: Set<string>;
  captions: Set<string>;
}

const HEADING = /^h[1-6]$/;
const MAX_EDGE_TRIM = 4;
// Case-sensitive on purpose (names are capitalised), so the lead-in words spell out both cases.
const NAME = "\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,4}";
const BYLINE_RE = new RegExp(
  `^(?:(?:[Ww]ritten|[Pp]osted|[Rr]eported|[Ww]ords|[Ss]tory|[Tt]ext)\\s+)?(?:[Bb]y|BY):?\\s+${NAME}(?:\\s*(?:,|and|&)\\s*${NAME}){0,4}$`,
  'u',
);
const DATE_LINE_RE =
  /^(?:(?:published|updated|posted|last updated|first published)\b[^a-z]*)?(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}/i;

export interface AssembledBody {
  paragraphs: string[];
  /** Byline lines taken out of the text: a fallback source for authors. */
  bylines: string[];
}

export function assembleBody(blocks: Block[], ctx: BodyContext): AssembledBody {
  const seen = new Set<string>();
  const kept: Block[] = [];
  const bylines: string[] = [];
  for (const block of blocks) {
    const key = matchKey(block.text);
    if (isByline(block.text)) bylines.push(block.text);
    // Long paragraphs repeated verbatim are template duplicates (mobile/desktop copies); short
    // lines such as ingredients or list items legitimately repeat.
    if (!key || (key.length > 200 && seen.has(key)) || isNoise(block, key, ctx)) continue;
    seen.add(key);
    kept.push(block);
  }
  return { paragraphs: trimEdges(kept).map((b) => b.text), bylines };
}

function isByline(text: string): boolean {
  return text.length < 120 && BYLINE_RE.test(text);
}

function isNoise(block: Block, key: string, ctx: BodyContext): boolean {
  const { text } = block;
  if (ctx.titles.has(key) || ctx.captions.has(key)) return true;
  if (block.linkChars > text.length * 0.6 && !inQuote(block) && !(text.length >= 100 && /[.!?…"”]$/.test(text)))
    return true;
  if (isBoilerplateLine(text) || isCreditLine(text)) return true;
  if (isByline(text)) return true;
  return (text.length < 80 && DATE_LINE_RE.test(text) && !/[.!?]$/.test(text)) || isDateLine(text);
}

/** Embedded posts and quotes keep their attribution lines, which are mostly links. */
function inQuote(block: Block): boolean {
  for (let cur: Block['el'] | null = block.el, i = 0; cur && i < 6; cur = cur.parent as Block['el'] | null, i++) {
    if (cur.name === 'blockquote') return true;
  }
  return false;
}

/**
 * Leading and trailing fragments that are not sentences are labels, not article text; a longer run
 * of them is a list or a table (ingredients, facts), which is content, so it is kept whole.
 */
function trimEdges(blocks: Block[]): Block[] {
  let start = 0;
  while (start < blocks.length && isFragment(blocks[start]!)) start++;
  if (start > MAX_EDGE_TRIM) start = 0;
  let end = blocks.length;
  while (end > start && (isFragment(blocks[end - 1]!) || HEADING.test(blocks[end - 1]!.tag))) end--;
  if (blocks.length - end > MAX_EDGE_TRIM) end = blocks.length;
  return blocks.slice(start, end);
}

function isFragment(block: Block): boolean {
  return weightedLength(block.text) < 50 && !SENTENCE_END.test(block.text);
}
