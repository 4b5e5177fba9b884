import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readJsonl } from '../eval/labelled.ts';
import { ecbplusDevFile } from '../eval/stories/dataset-path.ts';
import { FrequencySketch } from '../src/core/stories/frequency-sketch.ts';
import { frequencyKeys } from '../src/core/stories/frequencies.ts';
import { profileOf } from '../src/core/stories/profile.ts';
import { truncate, weigh } from '../src/core/stories/similarity.ts';
import type { WeightedProfile } from '../src/core/stories/similarity.ts';
import { decodeVector, encodeVector, VECTOR_FIELDS } from '../src/store/stories/vector-codec.ts';

/** Every field as [key, weight] entries in Map order: equal only if order and exact weights agree. */
const entries = (v: WeightedProfile) => ({
  docId: v.docId,
  time: v.time,
  ...Object.fromEntries(VECTOR_FIELDS.map((f) => [f, [...v[f]]])),
});

/** Stored vectors of real articles, weighed against the frequencies of those before them. */
function realVectors(count: number): WeightedProfile[] {
  const table = new FrequencySketch();
  return readJsonl(ecbplusDevFile())
    .slice(0, count)
    .map((d, i) => {
      const profile = profileOf({ docId: d.id, title: d.title, body: d.body, publishedAt: `2026-03-0${1 + (i % 9)}` });
      table.add(frequencyKeys(profile));
      return truncate(weigh(profile, table));
    });
}

void describe('stored vector codec', () => {
  void it('decodes real stored vectors exactly: same keys in the same order, same float64 weights', () => {
    const vectors = realVectors(60);
    let [packed, json] = [0, 0];
    for (const vector of vectors) {
      const bytes = encodeVector(vector);
      assert.deepEqual(entries(decodeVector(bytes)), entries(vector), vector.docId);
      packed += bytes.length;
      json += JSON.stringify(entries(vector)).length;
    }
    assert.ok(packed < json / 2, `packed ${packed} bytes against JSON ${json}`);
  });

  void it('keeps a null time, empty fields, negative zero, long and non-ASCII keys', () => {
    const long = 'x'.repeat(300);
    const vector: WeightedProfile = {
      docId: 'dé-1',
      time: null,
      terms: new Map([
        ['Zürich 東京', 0.5],
        [long, -0],
        ['b', 1e-300],
      ]),
      lead: new Map([[long, 0.25]]),
      names: new Map(),
      leadNames: new Map(),
      places: new Map([['Zürich 東京', 1]]),
      numbers: new Map([['😀', 0.1]]),
      dates: new Map(),
    };
    const decoded = decodeVector(encodeVector(vector));
    assert.deepEqual(entries(decoded), entries(vector));
    assert.ok(Object.is(decoded.terms.get(long), -0));
  });

  void it('stores a vector with a lone surrogate (UTF-8 cannot carry it) as JSON, unchanged', () => {
    const odd = 'a\uD800b';
    const vector: WeightedProfile = {
      docId: 'd',
      time: 1_700_000_000_000,
      terms: new Map([[odd, 0.7]]),
      lead: new Map(),
      names: new Map([[odd, 1]]),
      leadNames: new Map(),
      places: new Map(),
      numbers: new Map(),
      dates: new Map(),
    };
    assert.deepEqual(entries(decodeVector(encodeVector(vector))), entries(vector));
  });
});
