import { decodeHTML } from 'entities';

// Text clean-up shared by body and metadata.
export function collapseSpace(s: string): string {
  return s
    .replace(/\u00ad/g, '')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

/** Comparison key: case- and punctuation-insensitive, so a caption matches its repeat in the text. */
export function matchKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function countWords(s: string): number {
  return s.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;
}

/** Metadata values are sometimes entity-encoded twice at the source ("&#8216;Title&#8217;"). */
export function cleanMetaText(s: string): string {
  const once = s.includes('&') ? decodeHTML(s) : s;
  return collapseSpace(once);
}
