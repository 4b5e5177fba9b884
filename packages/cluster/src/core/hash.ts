// MurmurHash3 x86_32 (Austin Appleby, public domain), written out here instead of pulling in a
// dependency: it is ~40 lines, allocation-free, uses Math.imul for exact 32-bit products, and the
// test suite checks it against the reference vectors. It hashes each token once; shingles and
// MinHash permutations then only mix 32-bit integers, which is what keeps fingerprinting fast.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** The MurmurHash3 finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixBlock(h: number, k: number): number {
  k = Math.imul(rotl(Math.imul(k, C1), 15), C2);
  h = rotl(h ^ k, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 x86_32 of bytes[0..length). */
export function murmur3Bytes(bytes: Uint8Array, length: number, seed = 0): number {
  let h = seed | 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    const k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h = mixBlock(h, k);
  }
  const tail = length & 3;
  if (tail > 0) {
    let k = bytes[blocks]!;
    if (tail > 1) k ^= bytes[blocks + 1]! << 8;
    if (tail > 2) k ^= bytes[blocks + 2]! << 16;
    h ^= Math.imul(rotl(Math.imul(k, C1), 15), C2);
  }
  return fmix32(h ^ length);
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** MurmurHash3 x86_32 of the UTF-8 bytes of a string (reuses one scratch buffer). */
export function murmur3(text: string, seed = 0): number {
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return murmur3Bytes(scratch, written, seed);
}

/** MurmurHash3 x86_32 over 32-bit words (little-endian blocks): used to hash token-hash tuples. */
export function murmur3Words(words: ArrayLike<number>, start: number, count: number, seed = 0): number {
  let h = seed | 0;
  for (let i = start; i < start + count; i++) h = mixBlock(h, words[i]! | 0);
  return fmix32(h ^ (count * 4));
}
