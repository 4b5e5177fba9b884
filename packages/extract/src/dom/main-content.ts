// Picks the element holding the article: the subtree that maximises prose minus link-heavy text
// (a maximum-weight subtree, computed bottom-up from the blocks). Structural markers such as
// <article>, itemprop=articleBody or "article-body" classes only break near-ties, so a bad or
// misplaced marker cannot beat what the text itself says.
import type { Element } from 'domhandler';
import type { Block } from './blocks.ts';
import { classAndId } from './junk.ts';
import { CONTENT_RE } from './vocab.ts';
import { isElement } from './walk.ts';

export function blockWeight(block: Block): number {
  const len = block.text.length;
  const density = block.linkChars / Math.max(1, len);
  if (density > 0.5) return -len;
  if (len >= 60 && density < 0.3 && /[.!?…"”'’:;)]$/.test(block.text)) return len;
  if (len >= 150 && density < 0.3) return len * 0.6;
  return 0;
}

export function scoreContainers(blocks: Block[]): Map<Element, number> {
  const scores = new Map<Element, number>();
  for (const block of blocks) {
    const w = blockWeight(block);
    if (w === 0) continue;
    for (let cur: Element | null = block.el; cur; cur = parentElement(cur)) scores.set(cur, (scores.get(cur) ?? 0) + w);
  }
  return scores;
}

function parentElement(el: Element): Element | null {
  const p = el.parent;
  return p && isElement(p) ? p : null;
}

export function selectMainContent(blocks: Block[], fallback: Element): Element {
  const scores = scoreContainers(blocks);
  let best = fallback;
  let bestScore = -Infinity;
  for (const [el, score] of scores) {
    if (score > bestScore) [best, bestScore] = [el, score];
  }
  return preferMarkedDescendant(best, scores, bestScore);
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
