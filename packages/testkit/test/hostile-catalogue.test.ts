// The hostile-input catalogue's own shape (issue 11: one file, at least 80 cases, each with its outcome).
// Its cases are run by the surface suites named in the catalogue's header, against real servers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOSTILE_CATALOGUE, catalogueCounts } from '../src/hostile-catalogue.ts';

void test('the catalogue holds at least 80 cases, every section some', () => {
  const counts = Object.values(catalogueCounts());
  assert.ok(counts.reduce((sum, count) => sum + count, 0) >= 80, JSON.stringify(catalogueCounts()));
  assert.ok(
    counts.every((count) => count > 0),
    JSON.stringify(catalogueCounts()),
  );
});

void test('every case has an expected outcome and a name unique in its section', () => {
  for (const [surface, cases] of Object.entries(HOSTILE_CATALOGUE)) {
    const names = cases.map((hostile) => hostile.name);
    assert.equal(new Set(names).size, names.length, surface);
    for (const hostile of cases) assert.ok('expect' in hostile || 'shows' in hostile, `${surface}: ${hostile.name}`);
  }
});
