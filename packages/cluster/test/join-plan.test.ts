// The join plan on its own (pure): which clusters a document joins, merges and relates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Evidence } from '../src/core/join-plan.ts';
import { planJoin } from '../src/core/join-plan.ts';
import { DEFAULT_TUNING } from '../src/core/tuning.ts';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** A candidate with distinct (never verifying) sketches: only passages speak. */
function candidate(docId: string, hits: number[], passageCount: number, extra: Partial<Evidence> = {}): Evidence {
  const signature = new Uint16Array(128).map((_, i) => i + docId.length * 1000 + docId.charCodeAt(0));
  return {
    docId,
    cluster: docId,
    sketch: { signature, shingleCount: 200, passageCount },
    hits,
    whole: false,
    isCopy: true,
    partial: false,
    clusterSize: 1,
    ...extra,
  };
}

void describe('planJoin', () => {
  void it('a bridge over disjoint passages joins the larger share and relates the other', () => {
    const plan = planJoin([candidate('a', range(0, 20), 22), candidate('b', range(20, 30), 12)], 30, DEFAULT_TUNING);
    assert.deepEqual(plan.matches, ['a']);
    assert.deepEqual(plan.related, ['b']);
  });

  void it('joins the member that is most our text, not the one sharing most passages', () => {
    // A roundup quoting 15 of our passages among 40 of its own, and our excerpt: 8 of its 10.
    const roundup = candidate('r', range(0, 15), 40);
    const excerpt = candidate('x', range(20, 28), 10);
    const plan = planJoin([roundup, excerpt], 40, DEFAULT_TUNING);
    assert.deepEqual(plan.matches, ['x']);
    assert.deepEqual(plan.related, ['r']);
    // A whole-document copy still comes first, however few passages it shares.
    const whole = candidate('w', range(0, 5), 40, { whole: true, clusterSize: 1 });
    assert.deepEqual(planJoin([excerpt, whole], 40, DEFAULT_TUNING).matches[0], 'w');
  });

  void it('merges two clusters whose members hold the same passages of ours', () => {
    const plan = planJoin([candidate('a', range(0, 20), 22), candidate('b', range(2, 20), 20)], 30, DEFAULT_TUNING);
    assert.deepEqual(plan.matches, ['a', 'b']);
    assert.deepEqual(plan.related, []);
  });

  void it('does not enter through a partial member unless another member holds those passages', () => {
    const alone = planJoin([candidate('r', range(0, 10), 40, { partial: true, clusterSize: 2 })], 12, DEFAULT_TUNING);
    assert.deepEqual(alone.matches, []);
    assert.deepEqual(alone.related, ['r']);
    const witnessed = planJoin(
      [
        candidate('r', range(0, 10), 40, { partial: true, clusterSize: 2 }),
        candidate('s', range(0, 9), 30, { cluster: 'r', isCopy: false, clusterSize: 2 }),
      ],
      12,
      DEFAULT_TUNING,
    );
    assert.deepEqual(witnessed.matches, ['r']);
  });

  void it('marks an earlier member partial when it is our excerpt with other text besides', () => {
    const plan = planJoin([candidate('x', range(0, 12), 20)], 60, DEFAULT_TUNING);
    assert.deepEqual(plan, { matches: ['x'], related: [], partial: false, markPartial: ['x'] });
    const excerpt = planJoin([candidate('s', range(0, 12), 60)], 20, DEFAULT_TUNING);
    assert.deepEqual(excerpt, { matches: ['s'], related: [], partial: true, markPartial: [] });
  });
});
