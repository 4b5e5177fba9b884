// Resend reads stored documents back into the pipeline's shape: the language fields in the stored
// source (a copy of the text) are not part of that shape, and the upsert payload recomputes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeUpsertPayload, toEsDocument } from '@newsflow/contracts';
import { makeArticleDocument } from '@newsflow/testkit';
import { toArticleDocument } from '../src/resend-documents.ts';

test('a stored document comes back without its language fields, and its payload has them for its language', () => {
  const original = makeArticleDocument({ language: 'fr-CA', title: 'Maisons', body: 'Les maisons neuves' });
  const stored = { ...toEsDocument(original), body_lang: { de: 'stale copy' } };
  const document = toArticleDocument(stored);
  assert.ok(document);
  assert.equal('body_lang' in document, false);
  assert.equal('title_lang' in document, false);
  const line = JSON.parse(encodeUpsertPayload([document])[0]!) as Record<string, unknown>;
  assert.deepEqual(line.body_lang, { fr: 'Les maisons neuves' });
  assert.deepEqual(line.title_lang, { fr: 'Maisons' });
  assert.equal(line.body, original.body, 'the neutral field as before');
});
