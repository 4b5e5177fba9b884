import { createHash } from 'node:crypto';
import { minhashSignature } from './minhash.ts';
import { contentTokens } from './normalise.ts';
import { shingleHashes } from './shingles.ts';
import type { ClusterTuning } from './tuning.ts';
import type { Sketch } from './verify.ts';

export interface FingerprintInput {
  title: string;
  body: string;
  canonicalUrl?: string;
}

export interface Fingerprint extends Sketch {
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
  const url = input.canonicalUrl?.trim() ?? '';
  return {
    signature: minhashSignature(shingles, tuning.numHashes),
    shingleCount: shingles.length,
    textHash: tokens.length === 0 ? '' : shortHash(tokens.join(' ')),
    urlKey: url === '' ? '' : shortHash(url),
  };
}
