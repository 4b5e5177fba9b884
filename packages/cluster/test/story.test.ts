import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoryGrouper } from '../src/core/story.ts';
import { readJsonl } from '../src/eval/labelled.ts';
import { evaluate } from '../src/eval/run-eval.ts';
import { ECBPLUS_FILE } from '../src/eval/syndication-suite.ts';
import { createMemoryClusterStore } from '../src/store/memory-store.ts';

void describe('story level (in process)', () => {
  void it('groups write-ups of one event conservatively on ECB+ dev (P >= 0.99, B-cubed F1 >= 0.55)', async () => {
    const report = await evaluate(createMemoryClusterStore(), readJsonl(ECBPLUS_FILE));
    assert.ok(report.stories!.pairwise.precision >= 0.99, `precision ${report.stories!.pairwise.precision}`);
    assert.ok(report.stories!.bcubed.f1 >= 0.55, `B-cubed F1 ${report.stories!.bcubed.f1}`);
  });

  void it('gives copies their copy cluster story, and respects the time window', () => {
    const stories = new StoryGrouper({ dfPrior: 5 });
    const text = 'Klitschko stopped Thompson in the sixth round in Berne to keep his heavyweight belts.';
    const first = stories.assign('a', '', text, 'cluster-a', '2012-07-07T22:00:00Z');
    assert.equal(stories.assign('b', '', 'unrelated words entirely', 'cluster-a'), first);
    assert.notEqual(stories.assign('c', '', text, 'cluster-c', '2013-01-01T00:00:00Z'), first);
    assert.equal(stories.assign('d', '', text, 'cluster-d', '2012-07-08T10:00:00Z'), first);
  });
});
