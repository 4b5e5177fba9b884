import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentTokens, isBoilerplate, normalizeLine } from '../src/core/normalize.ts';

void describe('normalisation', () => {
  void it('folds case, quotes, dashes, compatibility forms and whitespace', () => {
    assert.equal(
      normalizeLine('  \u201cIt\u2019s  FINE\u201d \u2014 ﬁne\u00a0dashes\u2013here '),
      '"it\'s fine" - fine dashes-here',
    );
  });

  void it('recognises agency credits, copyright lines and page furniture as boilerplate', () => {
    for (const line of [
      'Some information for this report was provided by The Associated Press, Reuters and Agence France-Presse.',
      '(Reporting by Jane Doe; Editing by Mark Heinrich)',
      'Copyright 2021 The Associated Press. All rights reserved.',
      'https://www.example.com/news/271867017/some-story',
      '20211204',
      'Accessibility links',
    ]) {
      assert.ok(isBoilerplate(normalizeLine(line)), line);
    }
    assert.ok(!isBoilerplate(normalizeLine('Reuters reported on Friday that talks had stalled.')));
  });

  void it('drops boilerplate lines and a repeated headline, keeps the story words', () => {
    const body =
      'Big Storm Hits Coast\n20211204\nThe storm hit the coast on Friday.\n(Reporting by A. Writer; Editing by B. Editor)';
    assert.deepEqual(contentTokens('Big storm hits coast', body, 1), [
      'the',
      'storm',
      'hit',
      'the',
      'coast',
      'on',
      'friday',
    ]);
  });

  void it('tokenises the same whatever the quote or whitespace style', () => {
    const curly = contentTokens('', 'He said \u201cno\u201d \u2014 it\u2019s over.\r\n\r\nThe end.');
    const straight = contentTokens('', 'He said "no" - it\'s over.\nThe   end.');
    assert.deepEqual(curly, straight);
  });

  void it('falls back to the title when the body is too short', () => {
    assert.deepEqual(contentTokens('Quake strikes', 'Details soon.'), ['quake', 'strikes', 'details', 'soon']);
  });
});
