import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../eval/run-eval.ts';
import { syndicationSuite } from '../eval/syndication-suite.ts';
import { createMemoryClusterStore } from '../src/store/memory-store.ts';

// Floors just under what the detector scores (P 1.0000, R 1.0000 on the default seed; R >= 0.9945
// on seeds 1-3), so a regression in normalisation, hashing or verification shows up here.
void describe('syndication suite', () => {
  void it('clusters copies of 181 real articles with pairwise P >= 0.999 and R >= 0.995', async () => {
    const report = await evaluate(createMemoryClusterStore(), syndicationSuite());
    const { precision, recall } = report.copies!.pairwise;
    assert.ok(precision >= 0.999, `precision ${precision}`);
    assert.ok(recall >= 0.995, `recall ${recall}`);
    assert.ok(report.copies!.ari >= 0.995, `ARI ${report.copies!.ari}`);
  });

  void it('is generated deterministically', () => {
    assert.deepEqual(
      syndicationSuite({ copiesPerBody: 2 }).slice(0, 5),
      syndicationSuite({ copiesPerBody: 2 }).slice(0, 5),
    );
  });
});
