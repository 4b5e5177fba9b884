import { parseDocument } from 'htmlparser2';

export interface ParseFloorResult {
  pages: number;
  msPerPage: number;
  kibPerPage: number;
}

/**
 * The cleaning floor: a bare htmlparser2 parse (into a DOM, as cheerio's loader does) of each
 * page, decode included, nothing else. Pages come in batches from `pageAt`, rendered before the
 * clock starts, so the corpus's own rendering is not counted.
 */
export function parseFloor(indices: readonly number[], pageAt: (index: number) => Buffer): ParseFloorResult {
  let spent = 0;
  let bytes = 0;
  for (let i = 0; i < indices.length; i += 200) {
    const pages = indices.slice(i, i + 200).map(pageAt);
    const started = performance.now();
    for (const page of pages) parseDocument(page.toString('utf8'));
    spent += performance.now() - started;
    bytes += pages.reduce((sum, page) => sum + page.byteLength, 0);
  }
  return {
    pages: indices.length,
    msPerPage: spent / Math.max(1, indices.length),
    kibPerPage: bytes / 1024 / Math.max(1, indices.length),
  };
}

/** An evenly spread sample of `size` indices out of `count`, the same for every floor and peer. */
export function sampleIndices(count: number, size: number): number[] {
  const n = Math.min(count, size);
  return Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));
}
