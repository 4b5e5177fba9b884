/**
 * How search highlights travel from Elasticsearch through the API to the search page and the CLI:
 * matches wrapped in these markers, every other character HTML-encoded by Elasticsearch's `html`
 * encoder. Readers split on the markers and decode the rest with `decodeHighlightText`.
 */
export const HIGHLIGHT_TAGS = { pre: '<mark>', post: '</mark>' } as const;

const ENCODED: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#39;': "'",
  '&#x2F;': '/',
  '&#47;': '/',
};

/** Undoes Elasticsearch's html highlight encoder on text outside the markers. */
export function decodeHighlightText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#x27|#39|#x2F|#47);/g, (entity) => ENCODED[entity] ?? entity);
}
