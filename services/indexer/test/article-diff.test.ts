// The version threshold on normalised text: what a re-fetch changes without the article changing
// (whitespace, case, a "last updated" stamp) is no change; a new or rewritten paragraph is.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffArticles, lcsPairs, normaliseLine } from '../src/versions/article-diff.ts';

const BODY = [
  'The city council voted on Tuesday to close the old harbour bridge to cars from next spring.',
  'Updated 3 December 2026, 14:32 GMT',
  'Engineers had warned for years that the steel deck was corroding faster than repairs could keep up.',
  'Cyclists and pedestrians will still be able to cross while a replacement is designed.',
].join('\n\n');

const before = { title: 'Harbour bridge to close to cars', body: BODY };

describe('article diff', () => {
  test('whitespace, case and a changed timestamp line are no material change', () => {
    const after = {
      title: '  Harbour  bridge to close to CARS ',
      body: BODY.replace('3 December 2026, 14:32', '4 December 2026, 09:05').replace('voted on', 'voted   on'),
    };
    const change = diffArticles(before, after, 2);
    assert.equal(change.material, false);
    assert.equal(change.wordsChanged, 0);
    assert.equal(change.summary, 'no change');
  });

  test('a new paragraph and a rewritten one are counted, and material', () => {
    const after = {
      title: before.title,
      body: `${BODY.replace('faster than repairs could keep up', 'twice as fast as expected')}\n\nThe mayor said a public meeting would be held in January.`,
    };
    const change = diffArticles(before, after, 2);
    assert.equal(change.material, true);
    assert.equal(change.titleChanged, false);
    assert.equal(change.paragraphsAdded, 1);
    assert.equal(change.paragraphsChanged, 1);
    assert.equal(change.paragraphsRemoved, 0);
    // "faster than repairs could keep up" (6 words) → "twice as fast as expected" (5): 6, plus 11 added
    assert.equal(change.wordsChanged, 6 + 11);
    assert.equal(change.summary, '1 paragraph added, 1 paragraph changed (17 words)');
  });

  test('a changed title is material on its own; one replaced word is under a threshold of 2', () => {
    assert.equal(diffArticles(before, { ...before, title: 'Harbour bridge closes to cars' }, 2).material, true);
    const oneWord = diffArticles(before, { ...before, body: BODY.replace('Tuesday', 'Monday') }, 2);
    assert.equal(oneWord.wordsChanged, 1);
    assert.equal(oneWord.material, false);
    assert.equal(diffArticles(before, { ...before, body: BODY.replace('Tuesday', 'Monday') }, 1).material, true);
  });

  test('a removed paragraph is counted as removed', () => {
    const after = { ...before, body: BODY.split('\n\n').slice(0, 3).join('\n\n') };
    const change = diffArticles(before, after, 2);
    assert.equal(change.paragraphsRemoved, 1);
    assert.equal(change.material, true);
  });

  test('digits are masked only in short date/time lines, never in long text', () => {
    assert.equal(normaliseLine('Last updated: 14:32'), 'last updated: #:#');
    const long = 'The storm killed 12 people and left 3,000 homes without power across the region overnight.';
    assert.equal(normaliseLine(long), long.toLowerCase());
  });

  test('lcsPairs finds one longest common subsequence', () => {
    assert.deepEqual(lcsPairs(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd']), [
      [0, 0],
      [2, 2],
      [3, 3],
    ]);
  });
});
