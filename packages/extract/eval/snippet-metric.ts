// The multilingual dev set's scoring, as its README defines it. Body: each `with` snippet found in
// title + "\n" + body (NFC, whitespace collapsed) is a true positive, each `without` snippet found
// a false positive. Metadata: publication day, title after case and whitespace folding, and the
// set of author names (split on , ; / & and/und, a leading "by"/"von"/"text:"/"autor:" dropped).
import type { GoldMetadata } from './multilingual-dataset.ts';

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

export interface Extracted {
  title: string;
  body: string;
  authors: string[];
  /** Publication date as the page states it (ISO 8601, the first 10 characters are the day). */
  published: string | undefined;
  /** Language tag the extractor gave, if any. */
  language?: string | undefined;
}

/** Per-field verdict; undefined where the gold set gives no value. */
export interface MetadataHits {
  date?: boolean;
  title?: boolean;
  author?: boolean;
  /** The extractor's language equals the language of the gold snippets. */
  language?: boolean;
}

export function foldSnippet(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function countSnippets(found: Extracted, want: string[], unwanted: string[]): SnippetCounts {
  const haystack = foldSnippet(`${found.title}\n${found.body}`);
  const hit = (s: string): boolean => haystack.includes(foldSnippet(s));
  const tp = want.filter(hit).length;
  const fp = unwanted.filter(hit).length;
  return { tp, fn: want.length - tp, fp, tn: unwanted.length - fp };
}

export function scoreMetadata(found: Extracted, gold: GoldMetadata): MetadataHits {
  const hits: MetadataHits = {};
  if (gold.date) hits.date = found.published?.slice(0, 10) === gold.date;
  if (gold.title) hits.title = foldTitle(found.title) === foldTitle(gold.title);
  if (gold.author) hits.author = sameNames(authorSet(found.authors.join('; ')), authorSet(gold.author));
  return hits;
}

function foldTitle(text: string): string {
  return foldSnippet(text).toLowerCase();
}

export function authorSet(names: string): Set<string> {
  return new Set(
    names
      .split(/\s*(?:[,;/&]|\band\b|\bund\b)\s*/iu)
      .map((n) =>
        foldTitle(n)
          .replace(/^(?:by|von|text:|autor:)\s*/u, '')
          .trim(),
      )
      .filter((n) => n.length > 0),
  );
}

function sameNames(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((n) => b.has(n));
}

export interface BodyScores {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export function scoreSnippets(pages: SnippetCounts[]): BodyScores {
  const sum = (k: keyof SnippetCounts): number => pages.reduce((a, p) => a + p[k], 0);
  const [tp, fn, fp, tn] = [sum('tp'), sum('fn'), sum('fp'), sum('tn')];
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const all = tp + fn + fp + tn;
  return { precision, recall, f1, accuracy: all > 0 ? (tp + tn) / all : 0 };
}

/** Share of pages right on a field, over the pages whose gold gives that field. */
export function fieldAccuracy(pages: MetadataHits[], field: keyof MetadataHits): { right: number; of: number } {
  const scored = pages.filter((p) => p[field] !== undefined);
  return { right: scored.filter((p) => p[field]).length, of: scored.length };
}
