import { isHtmlType } from '@newsflow/fetcher';
import type { RecordMeta } from './read-warc.ts';

/** Which archived pages to take; every field is optional and an empty filter takes every HTML page. */
export interface WarcFilter {
  /** Hosts to keep; a host also keeps its subdomains ("example.com" keeps "www.example.com"). */
  hosts?: readonly string[];
  /** URL globs, `*` matching any run of characters ("https://*.example.com/2024/*"); any may match. */
  urlPatterns?: readonly string[];
  /** Keep pages fetched at or after this instant (ISO 8601). */
  from?: string;
  /** Keep pages fetched before this instant (ISO 8601). */
  to?: string;
}

export const WARC_SKIP_REASONS = [
  'not-response',
  'not-ok',
  'not-html',
  'invalid-url',
  'invalid-date',
  'host',
  'url-pattern',
  'date',
  'too-large',
  'already-indexed',
  'already-queued',
] as const;
export type WarcSkipReason = (typeof WARC_SKIP_REASONS)[number];

/** Pure: why a record is not taken, or undefined when it is an HTML page the filter wants. */
export function judgeRecord(meta: RecordMeta, filter: WarcFilter): WarcSkipReason | undefined {
  if (meta.warcType !== 'response') return 'not-response';
  if (meta.status < 200 || meta.status > 299) return 'not-ok';
  // No Content-Type: taken, for the cleaner to sniff, as the fetcher does for live pages.
  if (!isHtmlType(meta.contentType)) return 'not-html';
  let url: URL;
  try {
    url = new URL(meta.targetUri);
  } catch {
    return 'invalid-url';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'invalid-url';
  if (Number.isNaN(Date.parse(meta.date))) return 'invalid-date';
  if (filter.hosts?.length && !filter.hosts.some((host) => hostMatches(url.hostname, host))) return 'host';
  if (filter.urlPatterns?.length && !filter.urlPatterns.some((pattern) => globMatches(pattern, meta.targetUri)))
    return 'url-pattern';
  return dateInRange(meta.date, filter) ? undefined : 'date';
}

function hostMatches(hostname: string, wanted: string): boolean {
  const host = wanted.trim().toLowerCase().replace(/\.$/, '');
  return hostname === host || hostname.endsWith(`.${host}`);
}

/**
 * `*` globs matched piece by piece, leftmost first: linear in the URL, so a pattern from a request
 * can never backtrack the way a user-given regular expression could.
 */
export function globMatches(pattern: string, text: string): boolean {
  const pieces = pattern.split('*');
  const first = pieces[0] ?? '';
  if (!text.startsWith(first)) return false;
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1] ?? '';
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return text.length - last.length >= at && text.endsWith(last);
}

function dateInRange(date: string, filter: WarcFilter): boolean {
  if (filter.from === undefined && filter.to === undefined) return true;
  const at = Date.parse(date);
  if (filter.from !== undefined && at < Date.parse(filter.from)) return false;
  return filter.to === undefined || at < Date.parse(filter.to);
}
