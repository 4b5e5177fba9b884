// Picks the element holding the article: the subtree that maximises prose minus link-heavy text
// (a maximum-weight subtree, computed bottom-up from the blocks). Structural markers such as
// <article>, itemprop=articleBody or "article-body" classes only break near-ties, so a bad or
// misplaced marker cannot beat what the text itself says.
import type { Element } from 'domhandler';
import type { Block } from './blocks.ts';
import { classAndId } from './junk.ts';
import type { StatsLookup } from './page-index.ts';
import { CONTENT_RE } from './vocab.ts';
import { isElement, preorder, textOf } from './walk.ts';

export const SENTENCE_END = /[.!?…"”'’:;)。！？」』）؟।]$/;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

/** Length in Latin-equivalent characters: one CJK character carries about three letters' worth. */
export function weightedLength(text: string): number {
  return text.length + 2 * (text.match(CJK)?.length ?? 0);
}

export function blockWeight(block: Block): number {
  const len = weightedLength(block.text);
  const density = block.linkChars / Math.max(1, block.text.length);
  // Link-covered sentences (news round-ups, "10 things" lists) are prose; link lists are not.
  if (density > 0.5) return len >= 100 && SENTENCE_END.test(block.text) ? len * 0.3 : -len;
  if (density >= 0.3) return 0;
  // List items carrying links are usually teasers for other stories: they count, but weakly.
  if (block.tag === 'li' && density > 0.1) return block.startsWithLink ? 0 : len * 0.3;
  if (len >= 60 && SENTENCE_END.test(block.text)) return len;
  if (len >= 150) return len * 0.6;
  return len >= 20 ? len * 0.25 : 0;
}

export function scoreContainers(
  blocks: Block[],
  stats: StatsLookup,
  totalProse = 0,
  teasers = true,
): Map<Element, number> {
  const scores = new Map<Element, number>();
  for (const block of blocks) {
    const w = teasers && isTeaser(block, stats, totalProse) ? -block.text.length * 0.5 : blockWeight(block);
    if (w === 0) continue;
    for (let cur: Element | null = block.el; cur; cur = parentElement(cur)) scores.set(cur, (scores.get(cur) ?? 0) + w);
  }
  return scores;
}

function parentElement(el: Element): Element | null {
  const p = el.parent;
  return p && isElement(p) ? p : null;
}

/**
 * A paragraph whose smallest enclosing unit is a short, link-rich box (headline link + blurb) is a
 * teaser for another story, however well-written the blurb is.
 */
export function isTeaser(block: Block, stats: StatsLookup, totalProse = 0): boolean {
  // stats count non-space characters, so measure the block the same way.
  const own = block.text.replace(/\s+/g, '').length;
  // A listing spreads its prose over many teasers; one paragraph holding much of the page's prose
  // is the page's own text, even under a linked (permalink) headline.
  if (totalProse > 0 && own >= totalProse * TEASER_MAX_SHARE) return false;
  for (let cur = parentElement(block.el); cur; cur = parentElement(cur)) {
    const s = stats.get(cur);
    if (!s || s.text <= own * 1.15 + 10) continue;
    // A card's blurb is most of the card; an article paragraph is a small part of the article.
    if (s.text >= 1000 || own < s.text * 0.35 || block.linkChars >= block.text.length * 0.3) return false;
    return s.link > s.text * 0.25 || (s.link >= 10 && (startsWithLink(cur) || hasLinkedHeading(cur)));
  }
  return false;
}

const TEASER_MAX_SHARE = 0.4;

/** A card's first visible text is its linked headline; an article's first text rarely is. */
function startsWithLink(unit: Element): boolean {
  const nodes = preorder(unit, 300);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.type !== 'text' || !/\S/.test(n.data)) continue;
    for (let cur = n.parent; cur && cur !== unit; cur = cur.parent) if (isElement(cur) && cur.name === 'a') return true;
    return false;
  }
  return false;
}

/** A heading that is (mostly) one link: the headline of a story card. */
function hasLinkedHeading(unit: Element): boolean {
  const nodes = preorder(unit, 300);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (!isElement(n) || !/^h[1-6]$/.test(n.name)) continue;
    const text = textOf(n).trim().length;
    let linked = 0;
    for (const d of preorder(n, 300)) if (isElement(d) && d.name === 'a') linked += textOf(d).trim().length;
    if (text > 0 && linked >= text * 0.8) return true;
  }
  return false;
}

export function selectMainContent(blocks: Block[], fallback: Element, stats: StatsLookup, totalProse = 0): Element {
  let scores = scoreContainers(blocks, stats, totalProse);
  let [best, bestScore] = topScored(scores, fallback);
  // Nothing scores above zero: every paragraph looked like a teaser, so the page's own short text
  // sits in a card-like box (a blog post under its linked headline). Judge it by the text alone.
  if (bestScore <= 0) {
    scores = scoreContainers(blocks, stats, totalProse, false);
    [best, bestScore] = topScored(scores, fallback);
  }
  if (bestScore < WEAK_EVIDENCE) return markedFallback(blocks, stats) ?? best;
  const core = preferMarkedDescendant(descendToCore(best, scores, bestScore), scores, bestScore);
  return widenToPlainSiblings(core, blocks, scores);
}

const MAX_WIDEN_LEVELS = 2;

/**
 * The prose can sit beside plain parts of the same article that score nothing on their own: a
 * recipe's ingredient table next to its steps, a data table, a short lead in a sibling box. A
 * parent whose extra text is unlinked, costs no score and is not larger than the core is the article.
 */
function widenToPlainSiblings(core: Element, blocks: Block[], scores: Map<Element, number>): Element {
  let cur = core;
  for (let level = 0; level < MAX_WIDEN_LEVELS; level++) {
    const parent = parentElement(cur);
    if (!parent || parent.name === 'body' || parent.name === 'html') break;
    if ((scores.get(parent) ?? 0) < (scores.get(cur) ?? 0)) break;
    let [extra, extraLinks, own] = [0, 0, 0];
    for (const b of blocks) {
      if (isDescendant(b.el, cur)) own += b.text.length;
      else if (isDescendant(b.el, parent)) [extra, extraLinks] = [extra + b.text.length, extraLinks + b.linkChars];
    }
    if (extraLinks > extra * 0.2 || extra > own) break;
    cur = parent;
  }
  return cur;
}

function topScored(scores: Map<Element, number>, fallback: Element): [Element, number] {
  let best = fallback;
  let bestScore = -Infinity;
  for (const [el, score] of scores) if (score > bestScore) [best, bestScore] = [el, score];
  return [best, bestScore];
}

/** Below this much prose (lists, tables, very short notes) the text alone cannot locate the article. */
const WEAK_EVIDENCE = 400;

/** With little prose anywhere, trust markup: the marked container (articleBody, <article>) holding the most unlinked text. */
function markedFallback(blocks: Block[], stats: StatsLookup): Element | undefined {
  let best: Element | undefined;
  let bestText = 0;
  const seen = new Set<Element>();
  for (const block of blocks) {
    for (let cur: Element | null = block.el; cur; cur = parentElement(cur)) {
      if (seen.has(cur)) break;
      seen.add(cur);
      const s = stats.get(cur);
      const unlinked = s ? s.text - s.link : 0;
      if (isMarked(cur) && s && s.link < s.text * 0.5 && unlinked > bestText) [best, bestText] = [cur, unlinked];
    }
  }
  return bestText >= 100 ? best : undefined;
}

const CORE_SHARE = 0.9;

/** Walks down while one child keeps nearly all the evidence: the rest is boxes of teasers and labels. */
function descendToCore(best: Element, scores: Map<Element, number>, bestScore: number): Element {
  let cur = best;
  for (;;) {
    let next: Element | undefined;
    for (const child of cur.children) {
      if (isElement(child) && (scores.get(child) ?? 0) >= bestScore * CORE_SHARE) next = child;
    }
    if (!next) return cur;
    cur = next;
  }
}

/** A marked container (article, articleBody) inside the winner that keeps ~all of its score is tighter. */
function preferMarkedDescendant(best: Element, scores: Map<Element, number>, bestScore: number): Element {
  let chosen = best;
  for (const [el, score] of scores) {
    if (el === best || score < bestScore * 0.9 || !isMarked(el) || !isDescendant(el, best)) continue;
    if (isDescendant(el, chosen)) chosen = el;
  }
  return chosen;
}

function isMarked(el: Element): boolean {
  if (el.name === 'article' || el.name === 'main') return true;
  if ((el.attribs.itemprop ?? '').toLowerCase() === 'articlebody') return true;
  return CONTENT_RE.test(classAndId(el));
}

function isDescendant(el: Element, ancestor: Element): boolean {
  for (let cur: Element | null = el; cur; cur = parentElement(cur)) if (cur === ancestor) return true;
  return false;
}
