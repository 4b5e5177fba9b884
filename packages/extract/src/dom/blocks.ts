// Linearises the page into text blocks (paragraph-like runs of inline content) in reading order,
// skipping chrome subtrees. Each block remembers the element that holds it, for container scoring.
import type { AnyNode, Element } from 'domhandler';
import { isChrome } from './junk.ts';
import type { PageIndex } from './page-index.ts';
import { hasChildren, isElement, MAX_DEPTH } from './walk.ts';

export interface Block {
  text: string;
  linkChars: number;
  tag: string;
  el: Element;
  /** The block opens with link text, like a headline link followed by its teaser. */
  startsWithLink: boolean;
}

const INLINE = new Set([
  'a',
  'ruby',
  'rb',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'del',
  'ins',
  'big',
  'tt',
  'strike',
  'nobr',
  'acronym',
]);

/** Table cells join into one line per row (a row reads as one statement: "Name 57 77%"). */
const CELL = new Set(['td', 'th']);

interface Builder {
  blocks: Block[];
  parts: string[];
  linkChars: number;
  owner: Element | undefined;
  startsWithLink: boolean;
}

type Frame = { node: AnyNode; depth: number; inLink: boolean } | { close: Element };

export function collectBlocks(root: Element, index: PageIndex): Block[] {
  const b: Builder = { blocks: [], parts: [], linkChars: 0, owner: undefined, startsWithLink: false };
  const stack: Frame[] = [{ node: root, depth: 0, inLink: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('close' in frame) flush(b, frame.close);
    else visit(frame, stack, b, index);
  }
  return b.blocks;
}

function visit(
  frame: { node: AnyNode; depth: number; inLink: boolean },
  stack: Frame[],
  b: Builder,
  index: PageIndex,
): void {
  const { node, depth } = frame;
  if (node.type === 'text') return addText(b, node.data, frame.inLink, node.parent as Element);
  if (!isElement(node)) return;
  if (depth > 0 && isChrome(node, index)) {
    // A removed box between two runs of text still separates them.
    if (!INLINE.has(node.name)) flush(b, node);
    return;
  }
  // Ruby annotations (furigana) are read aloud beside the base text, not part of it.
  if (node.name === 'rt' || node.name === 'rp') return;
  if (node.name === 'br') return flush(b, node.parent as Element);
  if (CELL.has(node.name)) b.parts.push(' ');
  const inline = INLINE.has(node.name) || CELL.has(node.name);
  if (!inline) {
    flush(b, node);
    stack.push({ close: node });
  }
  if (!hasChildren(node) || depth >= MAX_DEPTH) return;
  const inLink = frame.inLink || node.name === 'a';
  for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, depth: depth + 1, inLink });
}

function addText(b: Builder, data: string, inLink: boolean, parent: Element): void {
  if (b.parts.length === 0 && !/\S/.test(data)) return;
  if (!b.owner) b.startsWithLink = inLink;
  b.parts.push(data);
  if (inLink) b.linkChars += data.trim().length;
  if (!b.owner) b.owner = blockOwner(parent);
}

function blockOwner(el: Element): Element {
  let cur: Element = el;
  while ((INLINE.has(cur.name) || CELL.has(cur.name)) && cur.parent && isElement(cur.parent)) cur = cur.parent;
  return cur;
}

function flush(b: Builder, _boundary: Element): void {
  if (b.parts.length === 0) return;
  // Soft hyphens (U+00AD) only mark where a word may break; they are not text.
  const text = b.parts
    .join('')
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text && b.owner)
    b.blocks.push({
      text,
      linkChars: Math.min(b.linkChars, text.length),
      tag: b.owner.name,
      el: b.owner,
      startsWithLink: b.startsWithLink,
    });
  b.parts = [];
  b.linkChars = 0;
  b.owner = undefined;
}
