export interface ExtractInput {
  /** Raw bytes are decoded by charset (see decodeHtml); strings are used as they are. */
  html: string | Uint8Array;
  url: string;
  contentType?: string;
  /** Dates after this instant are rejected as implausible. Defaults to now. */
  fetchedAt?: Date;
  /** Values from feeds or sitemaps, cross-checked against the page. */
  hints?: { title?: string; publishedAt?: string };
}
