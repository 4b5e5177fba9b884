import { createHash } from 'node:crypto';
import { z } from 'zod';
import { toEsSource, versionOf } from './es-article.ts';
import type { ArticleDocument } from './jobs.ts';

/**
 * Upsert jobs carry a reference to each document; the documents themselves travel beside the job
 * in one Redis string (see enqueueUpsert in @newsflow/runtime), already in the shape Elasticsearch
 * stores, one JSON object per line. The indexer sends those bytes as they are: parsing, validating
 * and re-serialising every document in the job payload cost more CPU than Elasticsearch's
 * indexing left free on a small machine (see the indexer benchmark).
 */
export const UpsertRefSchema = z.object({
  docId: z.string().min(8),
  url: z.string().url(),
  /** External version written with the document: its fetch time, or the stored version when repairing. */
  version: z.number().int().nonnegative(),
  /** When the URL entered the pipeline, for the end-to-end latency metric. */
  submittedAt: z.string().datetime({ offset: true }),
});
export type UpsertRef = z.infer<typeof UpsertRefSchema>;

export function upsertRefOf(document: ArticleDocument, version = versionOf(document)): UpsertRef {
  return { docId: document.docId, url: document.url, version, submittedAt: document.submittedAt };
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

/**
 * Deterministic id of an upsert job: a replay of the same documents at the same versions is a
 * no-op, while a newer fetch of the same documents is a new job (its content differs).
 */
export function upsertJobIdFor(refs: ReadonlyArray<Pick<UpsertRef, 'docId' | 'version'>>): string {
  const keys = [...new Set(refs.map((ref) => `${ref.docId}-v${ref.version}`))].sort();
  if (keys.length === 1) return `index-${keys[0]}`;
  return `index-b-${createHash('sha256').update(keys.join(',')).digest('hex').slice(0, 32)}`;
}
