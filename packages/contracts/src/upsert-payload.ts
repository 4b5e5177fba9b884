// The documents of an upsert job travel beside the job in one Redis string (see enqueueUpsert in
// @newsflow/runtime), already in the shape Elasticsearch stores, one JSON object per line. The
// indexer sends those bytes as they are: parsing, validating and re-serialising every document in
// the job payload cost more CPU than Elasticsearch's indexing left free on a small machine (see the
// indexer benchmark).
import { toEsSource, versionOf } from './es-article.ts';
import type { ArticleDocument, UpsertRef } from './jobs.ts';

export function upsertRefOf(document: ArticleDocument, version = versionOf(document)): UpsertRef {
  const ref: UpsertRef = { docId: document.docId, url: document.url, version, submittedAt: document.submittedAt };
  if (document.recrawl !== undefined) ref.recrawl = document.recrawl;
  if (document.finalUrl !== document.url) ref.fetchUrl = document.finalUrl;
  return ref;
}

/** One line per document. JSON.stringify escapes every newline inside strings, so lines split cleanly. */
export function encodeUpsertPayload(documents: readonly ArticleDocument[]): string[] {
  return documents.map((document) => JSON.stringify(toEsSource(document)));
}

/** Lines back out of a stored payload, as byte slices of it (no copy, no decoding). */
export function splitUpsertPayload(payload: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let end = payload.indexOf(NEWLINE); end !== -1; end = payload.indexOf(NEWLINE, start)) {
    if (end > start) lines.push(payload.subarray(start, end));
    start = end + 1;
  }
  if (start < payload.length) lines.push(payload.subarray(start));
  return lines;
}

const NEWLINE = 0x0a;
