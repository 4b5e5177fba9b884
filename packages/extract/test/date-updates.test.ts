// A page whose only labelled date is its update line, and words that merely end like a cue.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractAt, prose, publishedDay } from './date-helpers.ts';

const citation = '<p>Quelle: Science, Vol. 371, pp. 260 - 264, 15. Januar 2024, eine lange Angabe zur Studie.</p>';

describe('a page whose only labelled date is an update', () => {
  it('is dated by the update line rather than a date in a citation', () => {
    const page = `<article><h1>Heliumkerne entdeckt</h1>${prose}${citation}<p>Aktualisiert am 17.01.2024.</p></article>`;
    assert.equal(publishedDay(page, '', 'de'), '2024-01-17');
  });

  it('keeps the structured publication date when there is one', () => {
    const head = '<meta property="article:published_time" content="2024-01-10T09:00:00+01:00">';
    const page = `<article><h1>Heliumkerne entdeckt</h1>${prose}${citation}<p>Aktualisiert am 17.01.2024.</p></article>`;
    assert.equal(publishedDay(page, head, 'de'), '2024-01-10');
  });

  it('keeps a date line by the headline over an update further down', () => {
    const page = `<article><h1>Heliumkerne entdeckt</h1><p class="date">Veröffentlicht am 12.01.2024</p>${prose}<p>Aktualisiert am 17.01.2024.</p></article>`;
    assert.equal(publishedDay(page, '', 'de'), '2024-01-12');
  });

  it('does not follow an update mentioned in the prose', () => {
    const page = `<article><h1>Enquête</h1><p class="date">30 septembre 2023</p><p>Un long paragraphe d’introduction sur l’enquête, puis : article mis à jour le 7 janvier 2024.</p>${prose}</article>`;
    assert.equal(publishedDay(page, '', 'fr'), '2023-09-30');
  });
});

describe('an update cue', () => {
  it('is a word of its own, not the end of one ("Stillstand (Foto: …, 16.01.2024)")', () => {
    const page = `<article><h1>Wochenbericht</h1><p>Die Lawine kam zum Stillstand (Foto: T. L., 16.01.2024).</p>${prose}</article>`;
    const a = extractAt(page, '', 'de');
    assert.equal(a.modifiedAt, undefined);
    assert.equal(a.publishedAt?.slice(0, 10), '2024-01-16');
  });
});
