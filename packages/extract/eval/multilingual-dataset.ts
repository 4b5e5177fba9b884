// Loads the multilingual extraction dev set: evaldata.json (snippets and gold metadata per page)
// plus pages/<file>.gz (the raw bytes as served, in whatever charset the site used).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '../src/decode/decode-html.ts';

export interface MultilingualPage {
  id: string;
  url: string;
  /** Raw bytes as fetched: what the pipeline hands the cleaner. */
  bytes: Uint8Array;
  /** The same page decoded, for extractors that take a string. */
  html: string;
  /** Snippets of the main text (must appear in title + body) and of furniture (must not). */
  with: string[];
  without: string[];
  gold: GoldMetadata;
}

/** Gold metadata; a field is absent when the set gives none (such pages are not scored on it). */
export interface GoldMetadata {
  title?: string;
  author?: string;
  date?: string;
}

interface EvalRecord {
  file: string;
  with?: string[];
  without?: string[];
  title?: string | null;
  author?: string | string[] | null;
  date?: string | null;
}

export function loadMultilingual(dir: string): MultilingualPage[] {
  const records = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, EvalRecord>;
  return Object.entries(records).map(([key, rec]) => {
    const bytes = gunzipSync(readFileSync(join(dir, 'pages', `${rec.file}.gz`)));
    return {
      id: rec.file,
      // A few entries are keyed by a label rather than their URL.
      url: /^https?:\/\//.test(key) ? key : `https://example.invalid/${encodeURIComponent(rec.file)}`,
      bytes,
      html: decodeHtml(bytes).text,
      with: rec.with ?? [],
      without: rec.without ?? [],
      gold: goldOf(rec),
    };
  });
}

function goldOf(rec: EvalRecord): GoldMetadata {
  const author = Array.isArray(rec.author) ? rec.author.join('; ') : rec.author;
  return {
    ...(rec.title ? { title: rec.title } : {}),
    ...(author ? { author } : {}),
    ...(rec.date ? { date: rec.date } : {}),
  };
}
