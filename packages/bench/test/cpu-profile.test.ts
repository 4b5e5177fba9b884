import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeOf, summarizeProfile } from '../src/report/cpu-profile.ts';

const frame = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url, lineNumber: 0 },
});

test('profile summary: self time by place, only inside the window', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'prof-')), 'p.cpuprofile');
  const profile = {
    startTime: 1_000_000,
    endTime: 1_100_000,
    nodes: [
      frame(1, '(root)', ''),
      frame(2, 'load', 'node:internal/modules/esm/utils'),
      frame(3, 'parse', 'file:///x/node_modules/htmlparser2/lib/Parser.js'),
      frame(4, '(idle)', ''),
    ],
    // 10 ms of module loading before the window, then 30 ms parse and 5 ms idle inside it
    samples: [2, 2, 3, 3, 3, 4],
    timeDeltas: [5000, 5000, 10_000, 10_000, 10_000, 5000],
  };
  writeFileSync(file, JSON.stringify(profile));
  const all = summarizeProfile(file);
  assert.equal(all.busyMs, 40);
  const windowed = summarizeProfile(file, { fromUs: 1_010_001, toUs: 1_100_000 });
  assert.equal(windowed.busyMs, 30);
  assert.deepEqual(windowed.byPlace, [{ place: 'htmlparser2', ms: 30 }]);
});

test('places: packages by name, node internals by module', () => {
  assert.equal(
    placeOf({ functionName: 'f', url: 'file:///r/node_modules/@elastic/transport/lib/x.js', lineNumber: 1 }),
    '@elastic/transport',
  );
  assert.equal(placeOf({ functionName: 'gzipSync', url: 'node:zlib', lineNumber: 1 }), 'node:zlib');
  assert.equal(placeOf({ functionName: '(garbage collector)', url: '', lineNumber: 0 }), '(garbage collector)');
});
