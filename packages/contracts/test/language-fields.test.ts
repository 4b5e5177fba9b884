import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysedLanguageOf, languageFieldsOf, withLanguageFields } from '@newsflow/contracts';

test('a language tag is routed by its primary subtag, case ignored; other languages get no field', () => {
  assert.equal(analysedLanguageOf('de'), 'de');
  assert.equal(analysedLanguageOf('de-CH'), 'de');
  assert.equal(analysedLanguageOf('PT_br'), 'pt');
  assert.equal(analysedLanguageOf('sv'), undefined);
  assert.equal(analysedLanguageOf('deu'), undefined);
  assert.equal(analysedLanguageOf(undefined), undefined);
});

test('only the article language gets a copy of each text it has', () => {
  const fields = languageFieldsOf({ title: 'Häuser', body: 'Die Häuser', language: 'de-DE' });
  assert.deepEqual(fields, { title_lang: { de: 'Häuser' }, body_lang: { de: 'Die Häuser' } });
  assert.deepEqual(languageFieldsOf({ title: 'Hus', body: 'Husen', language: 'sv' }), {});
  assert.deepEqual(languageFieldsOf({ title: 'Hus', body: 'Husen' }), {});
});

test('a copied source gets its language fields recomputed: added, moved or dropped', () => {
  const old = { title: 'Maisons', body: 'Les maisons', language: 'fr' };
  assert.deepEqual(withLanguageFields(old), {
    ...old,
    title_lang: { fr: 'Maisons' },
    body_lang: { fr: 'Les maisons' },
  });
  const stale = { ...old, language: 'und', body_lang: { de: 'Les maisons' } };
  assert.deepEqual(withLanguageFields(stale), { ...old, language: 'und' });
});
