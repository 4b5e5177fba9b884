import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rankByHits } from '../src/core/stories/candidate-keys.ts';
import { Random } from '../eval/prng.ts';

/** The ranking as a full sort of the counts: most hits first, then the newest (highest arrival number). */
function sortedRanking(postings: readonly number[], limit: number): number[] {
  const hits = new Map<number, number>();
  for (const seq of postings) hits.set(seq, (hits.get(seq) ?? 0) + 1);
  return [...hits]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, Math.max(0, limit))
    .map(([seq]) => seq);
}

void describe('candidate ranking', () => {
  void it('keeps exactly what a full sort keeps, in its order, for any hit counts and limits', () => {
    const random = new Random(15);
    for (let round = 0; round < 300; round++) {
      const postings: number[] = [];
      const articles = random.int(200);
      for (let i = 0; i < articles; i++) {
        const seq = 1 + random.int(1000);
        for (let listed = 1 + random.int(1 + random.int(36)); listed > 0; listed--) postings.push(seq);
      }
      const limit = random.int(60);
      assert.deepEqual(rankByHits(Uint32Array.from(random.shuffle(postings)), limit), sortedRanking(postings, limit));
    }
  });

  void it('breaks ties by arrival, newest first, beyond 2^31 too', () => {
    assert.deepEqual(rankByHits(Uint32Array.from([3, 2 ** 31 + 5, 7, 9, 7]), 3), [7, 2 ** 31 + 5, 9]);
  });
});
