// Iterative traversal helpers. Hostile pages nest 100,000 deep: recursion would overflow the stack,
// so every walk keeps its own stack and stops descending past MAX_DEPTH.
import type { AnyNode, Element, ParentNode } from 'domhandler';

export const MAX_DEPTH = 1000;

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function hasChildren(node: AnyNode): node is ParentNode & AnyNode {
  return 'children' in node && Array.isArray(node.children);
}

/** Pre-order list of all nodes under root (root first), skipping anything deeper than MAX_DEPTH. */
export function preorder(root: AnyNode, limit = Infinity): AnyNode[] {
  const out: AnyNode[] = [];
  // Parallel stacks instead of [node, depth] tuples: no allocation per node.
  const nodes: AnyNode[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0 && out.length < limit) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    out.push(node);
    if (!hasChildren(node) || depth >= MAX_DEPTH) continue;
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      nodes.push(kids[i]!);
      depths.push(depth + 1);
    }
  }
  return out;
}

const NO_TEXT = new Set(['script', 'style', 'noscript', 'template']);

/** Visible text under root, iteratively (cheerio's .text() recurses), without script/style bodies. */
export function textOf(root: AnyNode, maxChars = 5_000_000): string {
  const parts: string[] = [];
  let size = 0;
  const stack: Array<[AnyNode, number]> = [[root, 0]];
  while (stack.length > 0 && size < maxChars) {
    const [node, depth] = stack.pop()!;
    if (node.type === 'text') {
      parts.push(node.data);
      size += node.data.length;
    } else if (
      hasChildren(node) &&
      depth < MAX_DEPTH &&
      !(isElement(node) && node !== root && NO_TEXT.has(node.name))
    ) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, depth + 1]);
    }
  }
  return parts.join('');
}

/** Text with a space between separate text nodes, for short metadata boxes ("Jane Doe" + "Share"). */
export function wordsOf(root: AnyNode, maxChars = 2000): string {
  const parts: string[] = [];
  for (const node of preorder(root, 5000)) {
    if (node.type === 'text' && !(node.parent && isElement(node.parent) && NO_TEXT.has(node.parent.name)))
      parts.push(node.data);
    if (parts.length > 200) break;
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, maxChars);
}

export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

export function isInside(node: AnyNode, ancestor: AnyNode): boolean {
  for (let cur: AnyNode | null = node; cur; cur = cur.parent) if (cur === ancestor) return true;
  return false;
}
