import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rankByHits } from '../src/core/stories/candidate-keys.ts';
import { Random } from '../eval/prng.ts';

/** The ranking as a full sort: most hits first, then the smaller id. */
function sortedRanking(hits: Map<string, number>, limit: number): string[] {
  return [...hits]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([docId]) => docId);
}

void describe('candidate ranking', () => {
  void it('keeps exactly what a full sort keeps, in its order, for any hit counts and limits', () => {
    const random = new Random(15);
    for (let round = 0; round < 300; round++) {
      const hits = new Map<string, number>();
      const size = random.int(200);
      for (let i = 0; i < size; i++) hits.set(`doc-${random.int(1000)}`, 1 + random.int(1 + random.int(36)));
      const limit = random.int(60);
      assert.deepEqual(rankByHits(hits, limit), sortedRanking(hits, limit));
    }
  });
});
