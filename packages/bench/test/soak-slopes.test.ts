import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slopesFrom } from '../src/stages/soak-slopes.ts';
import type { MemorySample } from '../src/stages/soak-slopes.ts';

const MIB = 2 ** 20;

test('a series that fills then levels off is growing overall but flat over the last half', () => {
  // 30 min at one sample per 10 s: +1 MiB a sample for the first 10 min, then level
  const samples: MemorySample[] = Array.from({ length: 181 }, (_, i) => ({
    t: i * 10,
    series: { fill: Math.min(i, 60) * MIB, leak: i * MIB },
  }));
  const afterFirstMinute = slopesFrom(samples, 60);
  const lastHalf = slopesFrom(samples, 15 * 60);
  assert.ok((afterFirstMinute.fill ?? 0) > 50, 'the fill shows as growth over the whole run');
  assert.equal(Math.round(lastHalf.fill ?? NaN), 0);
  // a steady leak of 1 MiB per 10 s is 360 MiB/h in both windows
  assert.equal(Math.round(lastHalf.leak ?? NaN), 360);
  assert.equal(Math.round(afterFirstMinute.leak ?? NaN), 360);
});
