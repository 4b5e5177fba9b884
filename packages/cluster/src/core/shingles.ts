import { murmur3, murmur3Words } from './hash.ts';

/**
 * Distinct 32-bit hashes of the k-word shingles of a token stream. Each token is hashed once,
 * then each window of k token hashes is mixed into one shingle hash, so the cost is linear in the
 * text length whatever k is. A text shorter than k words gives one shingle of all its words.
 */
export function shingleHashes(tokens: readonly string[], k: number): Uint32Array {
  if (tokens.length === 0) return new Uint32Array(0);
  const tokenHashes = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) tokenHashes[i] = murmur3(tokens[i]!);
  const width = Math.min(k, tokens.length);
  const seen = new Set<number>();
  for (let start = 0; start + width <= tokens.length; start++) {
    seen.add(murmur3Words(tokenHashes, start, width, 0x5eed));
  }
  return Uint32Array.from(seen);
}
