import { fmix32, murmur3 } from './hash.ts';

// MinHash with K "permutations" h_i(x) = fmix32(x ^ seed_i): fmix32 is a bijection with full
// avalanche, so each h_i is a random-looking permutation of the 32-bit shingle hashes, at a cost
// of five integer operations. Only the low 16 bits of each minimum are kept (b-bit MinHash, Li &
// König 2010): a chance agreement of two unrelated values costs 2^-16, negligible next to the
// 1/sqrt(K) sampling error, and it halves the signature Redis stores for verification.

export const SIGNATURE_BYTES_PER_HASH = 2;

const seedCache = new Map<number, Uint32Array>();

function permutationSeeds(count: number): Uint32Array {
  let seeds = seedCache.get(count);
  if (seeds === undefined) {
    seeds = new Uint32Array(count);
    for (let i = 0; i < count; i++) seeds[i] = murmur3(`minhash-permutation-${i}`);
    seedCache.set(count, seeds);
  }
  return seeds;
}

/** K 16-bit MinHash values of a shingle set (all 0xffff for an empty set). */
export function minhashSignature(shingles: Uint32Array, numHashes: number): Uint16Array {
  const seeds = permutationSeeds(numHashes);
  const mins = new Uint32Array(numHashes).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s]!;
    for (let i = 0; i < numHashes; i++) {
      const v = fmix32(x ^ seeds[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  }
  const signature = new Uint16Array(numHashes);
  for (let i = 0; i < numHashes; i++) signature[i] = mins[i]! & 0xffff;
  return signature;
}

/** Estimated Jaccard similarity: the share of positions where the two signatures agree. */
export function estimateJaccard(a: Uint16Array, b: Uint16Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) equal++;
  return equal / n;
}

/** Little-endian bytes of a signature: the form stored in Redis and cut into LSH bands. */
export function signatureToBytes(signature: Uint16Array): Buffer {
  const bytes = Buffer.alloc(signature.length * SIGNATURE_BYTES_PER_HASH);
  for (let i = 0; i < signature.length; i++) bytes.writeUInt16LE(signature[i]!, i * 2);
  return bytes;
}

export function signatureFromBytes(bytes: Uint8Array): Uint16Array {
  const signature = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < signature.length; i++) signature[i] = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
  return signature;
}
