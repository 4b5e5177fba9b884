import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rankByHits } from '../src/core/stories/candidate-keys.ts';
import { Random } from '../eval/prng.ts';

/** The ranking as a full sort: most hits first, then the newest (highest arrival number). */
function sortedRanking(hits: Map<number, number>, limit: number): number[] {
  return [...hits]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, Math.max(0, limit))
    .map(([seq]) => seq);
}

void describe('candidate ranking', () => {
  void it('keeps exactly what a full sort keeps, in its order, for any hit counts and limits', () => {
    const random = new Random(15);
    for (let round = 0; round < 300; round++) {
      const hits = new Map<number, number>();
      const size = random.int(200);
      for (let i = 0; i < size; i++) hits.set(1 + random.int(1000), 1 + random.int(1 + random.int(36)));
      const limit = random.int(60);
      assert.deepEqual(rankByHits(hits, limit), sortedRanking(hits, limit));
    }
  });

  void it('breaks ties by arrival, newest first, beyond 2^31 too', () => {
    const hits = new Map([
      [3, 1],
      [2 ** 31 + 5, 1],
      [7, 2],
      [9, 1],
    ]);
    assert.deepEqual(rankByHits(hits, 3), [7, 2 ** 31 + 5, 9]);
  });
});
