// One pass over the parsed page that everything else reads from: per-element text and link
// lengths (for density checks) and the handful of elements metadata extraction needs.
import type { AnyNode, Document, Element } from 'domhandler';
import { isElement, preorder } from './walk.ts';

export interface TextStats {
  text: number;
  link: number;
  /** Characters in prose-like paragraphs (long, few links): what chrome boxes rarely hold. */
  prose: number;
}

/** Per-element stats live on the element itself (a symbol key): much cheaper than a Map lookup. */
export interface StatsLookup {
  get(el: Element): TextStats | undefined;
}

const STATS = Symbol('newsflow.textStats');
type WithStats = Element & { [STATS]?: TextStats };
const statsLookup: StatsLookup = { get: (el) => (el as WithStats)[STATS] };

export interface PageIndex {
  doc: Document;
  nodes: AnyNode[];
  stats: StatsLookup;
  byTag: Map<string, Element[]>;
  itemprops: Element[];
  body: Element | undefined;
  totalText: number;
  totalProse: number;
}

const INDEXED_TAGS = new Set([
  'meta',
  'link',
  'title',
  'script',
  'time',
  'h1',
  'html',
  'body',
  'article',
  'main',
  'figcaption',
  'a',
  'img',
]);
const PROSE_RUN = 80;
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

export function indexPage(doc: Document): PageIndex {
  const nodes = preorder(doc);
  const index: PageIndex = {
    doc,
    nodes,
    stats: statsLookup,
    byTag: new Map(),
    itemprops: [],
    body: undefined,
    totalText: 0,
    totalProse: 0,
  };
  for (const node of nodes) if (isElement(node)) register(index, node);
  accumulate(index);
  index.body = index.byTag.get('body')?.[0];
  const bodyStats = index.body ? index.stats.get(index.body) : undefined;
  index.totalText = bodyStats?.text ?? 0;
  index.totalProse = bodyStats?.prose ?? 0;
  return index;
}

function register(index: PageIndex, el: Element): void {
  (el as WithStats)[STATS] = { text: 0, link: 0, prose: 0 };
  if (INDEXED_TAGS.has(el.name)) push(index.byTag, el.name, el);
  if (el.attribs.itemprop !== undefined) index.itemprops.push(el);
}

function push(map: Map<string, Element[]>, key: string, el: Element): void {
  const list = map.get(key);
  if (list) list.push(el);
  else map.set(key, [el]);
}

/** Children come after parents in pre-order, so a reverse sweep sums bottom-up without recursion. */
function accumulate(index: PageIndex): void {
  const { nodes } = index;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    const parent = node.parent as WithStats | null;
    const into = parent?.[STATS];
    if (!into || INVISIBLE.has(parent!.name)) continue;
    if (node.type === 'text') addText(into, visibleLength(node.data));
    else if (isElement(node) && !INVISIBLE.has(node.name)) addChild(into, node, (node as WithStats)[STATS]!);
  }
}

function addText(into: TextStats, length: number): void {
  into.text += length;
  if (length >= PROSE_RUN) into.prose += length;
}

function addChild(into: TextStats, el: Element, own: TextStats): void {
  if (el.name === 'p' && own.text >= PROSE_RUN && own.link < own.text * 0.3)
    own.prose = Math.max(own.prose, own.text - own.link);
  into.text += own.text;
  into.link += el.name === 'a' ? own.text : own.link;
  if (el.name !== 'a') into.prose += own.prose;
}

function visibleLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 32) n++;
  return n;
}
