import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantile, slope, steadyRate } from '../src/measure/stats.ts';
import { phaseSlices } from '../src/stages/slices.ts';

test('quantile by nearest rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(quantile(values, 0.5), 50);
  assert.equal(quantile(values, 0.95), 95);
  assert.equal(quantile(values, 1), 100);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test('steady rate ignores the ramp-up and the drain', () => {
  // 10 s of slow start (1/s), then 100/s, then a slow tail
  const series: Array<[number, number]> = [];
  for (let s = 0; s <= 10; s++) series.push([s * 1000, s]);
  for (let s = 1; s <= 10; s++) series.push([(10 + s) * 1000, 10 + s * 100]);
  series.push([60_000, 1010]);
  assert.equal(Math.round(steadyRate(series, 1010)), 100);
});

test('slope of a line', () => {
  assert.equal(
    slope([
      [0, 1],
      [1, 3],
      [2, 5],
    ]),
    2,
  );
  assert.equal(slope([[0, 1]]), 0);
});

test('phase slices are disjoint and cover the corpus in order; size 0 or a small corpus gives all URLs', () => {
  const urls = Array.from({ length: 10 }, (_, i) => `u${i}`);
  const slices = phaseSlices(urls, 3);
  assert.deepEqual(slices.a, ['u0', 'u1', 'u2']);
  assert.deepEqual(slices.b, ['u3', 'u4', 'u5']);
  assert.deepEqual(slices.rest, ['u6', 'u7', 'u8', 'u9']);
  for (const size of [0, 5, 20]) assert.deepEqual(phaseSlices(urls, size), { a: urls, b: urls, rest: urls });
});
