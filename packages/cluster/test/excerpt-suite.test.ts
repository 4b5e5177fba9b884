// The excerpt and roundup suite is the yardstick of passage evidence: it must be the same on every
// run and carry the labels its scores read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerptSuite } from '../eval/excerpt-suite.ts';

void describe('excerpt and roundup suite', () => {
  const docs = excerptSuite();

  void it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(excerptSuite(), docs);
    assert.notDeepEqual(
      excerptSuite({ seed: 7 }).map((d) => d.id),
      docs.map((d) => d.id),
    );
  });

  void it('cuts each excerpt from its source and quotes 2-5 stories in each roundup', () => {
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const doc of docs.filter((d) => d.kind === 'excerpt')) {
      const source = byId.get(doc.sources[0]!)!;
      assert.equal(doc.cluster, source.cluster);
      assert.ok(doc.share! > 0 && doc.share! <= 0.7, `${doc.id} share ${doc.share}`);
    }
    const roundups = docs.filter((d) => d.kind === 'roundup');
    assert.equal(roundups.length, 80);
    for (const doc of roundups) {
      assert.ok(doc.stories.length >= 2 && doc.stories.length <= 5);
      assert.equal(new Set(doc.stories).size, doc.stories.length);
    }
  });
});
