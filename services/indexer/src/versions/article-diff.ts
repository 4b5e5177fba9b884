// What changed between two versions of an article, on normalised text: paragraphs are aligned
// (longest common subsequence), and paragraphs replaced in place are compared word by word. The
// comparison ignores what a re-fetch changes without the article changing: whitespace, case,
// Unicode forms, and the digits of short date/time lines ("Updated 14:32", "3 December 2026").
import type { VersionChange } from '@newsflow/contracts';

export interface ComparedText {
  title: string;
  body: string;
}

/** A short line with a date or a time in it is a dateline or a "last updated" stamp. */
const SHORT_LINE_WORDS = 12;
const DATE_OR_TIME =
  /\d{1,2}[:.h]\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\b\d{4}\b|\d+\s*(?:min|hour|day|h|m)\b/u;
/** Beyond this many cells the alignment (quadratic) gives way to a multiset comparison. */
const MAX_ALIGNED_CELLS = 4_000_000;

export function normaliseLine(text: string): string {
  const line = text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  const words = line === '' ? 0 : line.split(' ').length;
  return words <= SHORT_LINE_WORDS && DATE_OR_TIME.test(line) ? line.replace(/\d+/gu, '#') : line;
}

export function paragraphsOf(body: string): string[] {
  return body
    .split(/\n\s*\n/u)
    .map(normaliseLine)
    .filter((paragraph) => paragraph !== '');
}

/** The change from `before` to `after`; `material` when the title changed or enough words did. */
export function diffArticles(
  before: ComparedText,
  after: ComparedText,
  minChangedWords: number,
): VersionChange & { material: boolean } {
  const titleChanged = normaliseLine(before.title) !== normaliseLine(after.title);
  const counts = diffParagraphs(paragraphsOf(before.body), paragraphsOf(after.body));
  const change = { titleChanged, ...counts, summary: summaryOf(titleChanged, counts) };
  return { ...change, material: titleChanged || counts.wordsChanged >= minChangedWords };
}

type Counts = Omit<VersionChange, 'titleChanged' | 'summary'>;

function diffParagraphs(before: string[], after: string[]): Counts {
  const counts: Counts = { paragraphsAdded: 0, paragraphsRemoved: 0, paragraphsChanged: 0, wordsChanged: 0 };
  for (const gap of gapsOf(before, after)) {
    const paired = Math.min(gap.removed.length, gap.added.length);
    for (let i = 0; i < paired; i++) counts.wordsChanged += wordsChanged(gap.removed[i]!, gap.added[i]!);
    const removed = gap.removed.slice(paired);
    const added = gap.added.slice(paired);
    counts.paragraphsChanged += paired;
    counts.paragraphsRemoved += removed.length;
    counts.paragraphsAdded += added.length;
    counts.wordsChanged += [...removed, ...added].reduce((sum, paragraph) => sum + wordsOf(paragraph).length, 0);
  }
  return counts;
}

interface Gap {
  removed: string[];
  added: string[];
}

/** The runs of paragraphs between the common ones: what was taken out there and what put in. */
function gapsOf(before: string[], after: string[]): Gap[] {
  if (before.length * after.length > MAX_ALIGNED_CELLS) return [multisetGap(before, after)];
  const common = lcsPairs(before, after);
  const gaps: Gap[] = [];
  let i = 0;
  let j = 0;
  for (const [ci, cj] of [...common, [before.length, after.length] as const]) {
    if (ci > i || cj > j) gaps.push({ removed: before.slice(i, ci), added: after.slice(j, cj) });
    i = ci + 1;
    j = cj + 1;
  }
  return gaps;
}

function multisetGap(before: string[], after: string[]): Gap {
  const left = new Map<string, number>();
  for (const paragraph of before) left.set(paragraph, (left.get(paragraph) ?? 0) + 1);
  const added = after.filter((paragraph) => {
    const n = left.get(paragraph) ?? 0;
    if (n > 0) left.set(paragraph, n - 1);
    return n === 0;
  });
  const removed = [...left].flatMap(([paragraph, n]) => Array<string>(n).fill(paragraph));
  return { removed, added };
}

/** A replaced word counts once: the larger of the words taken out and put in, outside the common ones. */
function wordsChanged(before: string, after: string): number {
  const left = wordsOf(before);
  const right = wordsOf(after);
  const common =
    left.length * right.length > MAX_ALIGNED_CELLS
      ? left.length - multisetGap(left, right).removed.length
      : lcsPairs(left, right).length;
  return Math.max(left.length - common, right.length - common);
}

function wordsOf(paragraph: string): string[] {
  return paragraph.split(' ').filter(Boolean);
}

/** Index pairs of one longest common subsequence of a and b, in order. */
export function lcsPairs<T>(a: readonly T[], b: readonly T[]): Array<readonly [number, number]> {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
  const pairs: Array<readonly [number, number]> = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) pairs.push([i++, j++] as const);
    else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function summaryOf(titleChanged: boolean, counts: Counts): string {
  const parts = [
    plural(counts.paragraphsAdded, 'added'),
    plural(counts.paragraphsRemoved, 'removed'),
    plural(counts.paragraphsChanged, 'changed'),
  ].filter(Boolean);
  const body = parts.length === 0 ? '' : `${parts.join(', ')} (${counts.wordsChanged} words)`;
  return [titleChanged ? 'title changed' : '', body].filter(Boolean).join('; ') || 'no change';
}

function plural(n: number, what: string): string {
  if (n === 0) return '';
  return `${n} paragraph${n === 1 ? '' : 's'} ${what}`;
}
