import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pagePrecision, pageRecall, scoreCorpus, scorePage, shingles, tokenize } from '../eval/metric.ts';

describe('benchmark metric', () => {
  it('tokenizes on Unicode word characters, keeping case and digits', () => {
    assert.deepEqual(tokenize("Hello, world! It's 3pm — café_au_lait 東京"), [
      'Hello',
      'world',
      'It',
      's',
      '3pm',
      'café_au_lait',
      '東京',
    ]);
  });

  it('makes one shingle of a text shorter than four tokens, none of an empty text', () => {
    assert.equal(shingles(tokenize('just two')).size, 1);
    assert.equal(shingles([]).size, 0);
  });

  it('scores an identical text as a perfect, exact page', () => {
    const c = scorePage('The cat sat on the mat.', 'The cat  sat on the mat');
    assert.deepEqual(c, { tp: 1, fp: 0, fn: 0, exact: true });
  });

  it('counts one shared and one different shingle per side (hand-computed)', () => {
    // ref shingles: [a b c d], [b c d e]; pred: [a b c d], [b c d x] => TP 1, FP 1, FN 1, normalised to thirds.
    const c = scorePage('a b c d e', 'a b c d x');
    assert.ok(Math.abs(c.tp - 1 / 3) < 1e-12 && Math.abs(c.fp - 1 / 3) < 1e-12 && Math.abs(c.fn - 1 / 3) < 1e-12);
    assert.equal(pagePrecision(c), 0.5);
    assert.equal(pageRecall(c), 0.5);
    assert.equal(c.exact, false);
  });

  it('counts repeated shingles as a multiset', () => {
    // ref: {wxyz:1}. pred (text twice): {wxyz:2, xyzw:1, yzwx:1, zwxy:1} => TP 1, FP 4, FN 0.
    const c = scorePage('w x y z', 'w x y z w x y z');
    assert.equal(pageRecall(c), 1);
    assert.ok(Math.abs(pagePrecision(c) - 1 / 5) < 1e-12);
  });

  it('is case-sensitive', () => {
    assert.equal(pagePrecision(scorePage('The cat sat down', 'the cat sat down')), 0);
  });

  it('averages precision and recall over pages, then takes the harmonic mean', () => {
    const pages = [
      scorePage('a b c d e', 'a b c d e'),
      scorePage('a b c d e', 'a b c d x'),
      scorePage('a b c d e', ''),
    ];
    // Precision over pages with TP+FP>0: (1 + 0.5) / 2; recall over all three: (1 + 0.5 + 0) / 3.
    const s = scoreCorpus(pages);
    assert.equal(s.precision, 0.75);
    assert.equal(s.recall, 0.5);
    assert.ok(Math.abs(s.f1 - 0.6) < 1e-12);
    assert.ok(Math.abs(s.accuracy - 1 / 3) < 1e-12);
  });
});
