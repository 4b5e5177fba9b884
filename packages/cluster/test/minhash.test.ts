import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { murmur3 } from '../src/core/hash.ts';
import { estimateJaccard, minhashSignature, signatureFromBytes, signatureToBytes } from '../src/core/minhash.ts';
import { shingleHashes } from '../src/core/shingles.ts';
import { DEFAULT_TUNING } from '../src/core/tuning.ts';
import { estimateContainment, verifyCopy } from '../src/core/verify.ts';

void describe('hashing and MinHash', () => {
  void it('matches the MurmurHash3 x86_32 reference vectors', () => {
    assert.equal(murmur3(''), 0);
    assert.equal(murmur3('', 1), 0x514e28b7);
    assert.equal(murmur3('hello'), 0x248bfa47);
    assert.equal(murmur3('The quick brown fox jumps over the lazy dog'), 0x2e4ff723);
  });

  void it('makes one hash per distinct k-word window, and one for a text shorter than k', () => {
    assert.equal(shingleHashes(['a', 'b', 'c', 'd'], 3).length, 2);
    assert.equal(shingleHashes(['a', 'b', 'c', 'a', 'b', 'c'], 3).length, 3);
    assert.equal(shingleHashes(['a', 'b'], 3).length, 1);
    assert.equal(shingleHashes([], 3).length, 0);
  });

  void it('estimates Jaccard similarity within sampling error', () => {
    for (const [shared, onlyA, onlyB] of [
      [500, 500, 0],
      [300, 350, 350],
      [100, 450, 450],
      [900, 50, 50],
    ] as const) {
      const a = Uint32Array.from({ length: shared + onlyA }, (_, i) => murmur3(`x${i}`));
      const b = Uint32Array.from({ length: shared + onlyB }, (_, i) => murmur3(i < shared ? `x${i}` : `y${i}`));
      const truth = shared / (shared + onlyA + onlyB);
      const estimate = estimateJaccard(minhashSignature(a, 128), minhashSignature(b, 128));
      assert.ok(Math.abs(estimate - truth) < 0.12, `J=${truth} estimated ${estimate}`);
    }
  });

  void it('round-trips signatures through their stored bytes', () => {
    const signature = minhashSignature(Uint32Array.from([1, 2, 3]), 128);
    assert.deepEqual(signatureFromBytes(signatureToBytes(signature)), signature);
  });
});

void describe('verification', () => {
  const sketch = (ids: number[]) => {
    const shingles = Uint32Array.from(ids, (i) => murmur3(`s${i}`));
    return { signature: minhashSignature(shingles, 128), shingleCount: shingles.length };
  };
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  void it('derives containment from Jaccard and the set sizes', () => {
    assert.equal(estimateContainment(0.6, 60, 100), 1);
    assert.ok(Math.abs(estimateContainment(0.25, 100, 100) - 0.4) < 1e-9);
  });

  void it('accepts a copy trimmed to 60% with a few additions, rejects a different text', () => {
    const original = sketch(range(0, 400));
    assert.ok(verifyCopy(original, sketch([...range(0, 240), ...range(1000, 1020)]), DEFAULT_TUNING).isCopy);
    assert.ok(!verifyCopy(original, sketch([...range(0, 40), ...range(2000, 2360)]), DEFAULT_TUNING).isCopy);
  });

  void it('never matches empty texts', () => {
    assert.ok(!verifyCopy(sketch([]), sketch([]), DEFAULT_TUNING).isCopy);
  });
});
