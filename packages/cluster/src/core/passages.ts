// Passage fingerprints: winnowing (Schleimer, Wilkerson & Aiken 2003) over the hashes of k-word
// shingles. In every window of `passageWindow` consecutive shingles the smallest hash is kept, so
// any run of text at least a window long that two documents share gives both the same
// fingerprints, wherever it sits in each and whatever surrounds it. That is what finds an excerpt
// inside another outlet's own paragraphs, where one whole-document sketch sees mostly the rest.
import { murmur3, murmur3Words } from './hash.ts';

export interface PassageTuning {
  /** Words per passage shingle. */
  passageShingleSize: number;
  /** Shingles per winnowing window: a shared run this long always yields a shared fingerprint. */
  passageWindow: number;
}

/** The k-word shingle hashes of a token stream, in text order (repeats kept). */
function shingleSequence(tokens: readonly string[], k: number): Uint32Array {
  const width = Math.min(k, tokens.length);
  if (width === 0) return new Uint32Array(0);
  const tokenHashes = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) tokenHashes[i] = murmur3(tokens[i]!);
  const out = new Uint32Array(tokens.length - width + 1);
  for (let start = 0; start < out.length; start++) out[start] = murmur3Words(tokenHashes, start, width, 0x9a55);
  return out;
}

/** The minimum of each window of w hashes (the rightmost on ties), as distinct sorted values. */
function winnow(hashes: Uint32Array, w: number): Uint32Array {
  const picked = new Set<number>();
  const width = Math.min(w, hashes.length);
  let min = -1;
  for (let end = width - 1; end < hashes.length; end++) {
    const start = end - width + 1;
    if (min < start) {
      min = start;
      for (let i = start + 1; i <= end; i++) if (hashes[i]! <= hashes[min]!) min = i;
    } else if (hashes[end]! <= hashes[min]!) min = end;
    picked.add(hashes[min]!);
  }
  return Uint32Array.from(picked).sort();
}

/** Sorted distinct passage fingerprints of a document's content tokens. */
export function passageFingerprints(tokens: readonly string[], tuning: PassageTuning): Uint32Array {
  return winnow(shingleSequence(tokens, tuning.passageShingleSize), tuning.passageWindow);
}

/** Little-endian bytes of the fingerprints: the form sent to and stored in Redis. */
export function passagesToBytes(passages: Uint32Array): Buffer {
  const bytes = Buffer.alloc(passages.length * 4);
  for (let i = 0; i < passages.length; i++) bytes.writeUInt32LE(passages[i]!, i * 4);
  return bytes;
}
