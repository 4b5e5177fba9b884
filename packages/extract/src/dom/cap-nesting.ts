// htmlparser2 keeps its open-element stack with Array#unshift, so parsing cost grows with
// depth × tags: a 100,000-deep page takes many seconds. A linear pre-scan drops the tags (never
// the text) that would open elements deeper than MAX_NESTING, so the parser never sees them.
// [^<>] stops at the next "<", so a page full of unterminated tags still scans in linear time.
const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*>/g;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

export const MAX_NESTING = 500;

export function capNesting(html: string, maxDepth = MAX_NESTING): string {
  const cuts: Array<[number, number]> = [];
  let depth = 0;
  let rawUntil = '';
  for (let m = TAG_RE.exec(html); m; m = TAG_RE.exec(html)) {
    const [whole, slash, rawName] = m;
    const selfClose = whole.endsWith('/>');
    const name = rawName!.toLowerCase();
    if (rawUntil) {
      if (slash && name === rawUntil) rawUntil = '';
      continue;
    }
    if (VOID.has(name) || selfClose) continue;
    // A raw-text element holds no child elements and closes before the next tag the parser sees,
    // so it never adds to the open stack: counting it would raise the depth for good (its end tag
    // is read inside the raw text) and cut the page's real tags after a few hundred scripts.
    if (!slash && RAW_TEXT.has(name)) {
      rawUntil = name;
      continue;
    }
    if (slash) depth = Math.max(0, depth - 1);
    const tooDeep = slash ? depth >= maxDepth : ++depth > maxDepth;
    if (tooDeep) cuts.push([m.index, m.index + whole.length]);
  }
  TAG_RE.lastIndex = 0;
  return cuts.length === 0 ? html : removeRanges(html, cuts);
}

function removeRanges(html: string, cuts: Array<[number, number]>): string {
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of cuts) {
    parts.push(html.slice(from, start), ' ');
    from = end;
  }
  parts.push(html.slice(from));
  return parts.join('');
}
