import { createHash } from 'node:crypto';
import { minhashSignature } from './minhash.ts';
import { contentTokens } from './normalize.ts';
import { passageFingerprints } from './passages.ts';
import { shingleHashes } from './shingles.ts';
import type { ClusterTuning } from './tuning.ts';
import type { Sketch } from './verify.ts';

export interface FingerprintInput {
  title: string;
  body: string;
  canonicalUrl?: string;
}

export interface Fingerprint extends Sketch {
  /** Sorted distinct passage fingerprints (passageCount of them). */
  passages: Uint32Array;
  /** Hash of the normalised token stream ('' for an empty text, which must never match). */
  textHash: string;
  /** Hash of the canonical URL, '' when there is none. */
  urlKey: string;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/** Everything the stores need about one article, computed once, without I/O. */
export function fingerprint(input: FingerprintInput, tuning: ClusterTuning): Fingerprint {
  const tokens = contentTokens(input.title, input.body);
  const shingles = shingleHashes(tokens, tuning.shingleSize);
  const url = articleIdentityUrl(input.canonicalUrl);
  const passages = passageFingerprints(tokens, tuning);
  return {
    signature: minhashSignature(shingles, tuning.numHashes),
    shingleCount: shingles.length,
    passages,
    passageCount: passages.length,
    textHash: tokens.length === 0 ? '' : shortHash(tokens.join(' ')),
    urlKey: url === '' ? '' : shortHash(url),
  };
}

/**
 * The canonical URL, when it can name one article. Many sites point `og:url` or even
 * `rel=canonical` at their home or a section page on every article; such a URL would short-circuit
 * unrelated stories into one cluster, so it is ignored and the text decides instead. A URL names an
 * article when its path has a segment with a digit or a word separator (a slug or an id), or is
 * at least three segments deep.
 */
export function articleIdentityUrl(canonicalUrl: string | undefined): string {
  const text = canonicalUrl?.trim() ?? '';
  if (text === '') return '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '';
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const specific = segments.some((segment) => /\d|[-_]/.test(segment)) || segments.length >= 3;
  if (!specific) return '';
  url.hash = '';
  return `${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}
