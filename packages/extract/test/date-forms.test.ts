// Written date forms beyond day-month-year: a day range, a two-digit year after a month name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayIso, findTextDates } from '../src/metadata/text-dates.ts';
import { prose, publishedDay } from './date-helpers.ts';

const days = (text: string): string[] => findTextDates(text).map(dayIso);

describe('a day range', () => {
  it('is dated by its first day', () => {
    assert.deepEqual(days('Wochenbericht 14. - 20. Januar 2022'), ['2022-01-14']);
    assert.deepEqual(days('Festival 3 al 7 de marzo de 2021'), ['2021-03-03']);
    assert.deepEqual(days('Report 14–20 January 2022'), ['2022-01-14']);
  });

  it('leaves a single date and an unrelated number before it alone', () => {
    assert.deepEqual(days('Seite 2 - 20. Januar 2022'), ['2022-01-20']);
    assert.deepEqual(days('Version 1.30 - 20. Januar 2022'), ['2022-01-20']);
  });

  it('gives the headline of a weekly report its first day', () => {
    const page = `<article><h1>Wochenbericht 14. - 20. Januar 2022</h1>${prose}</article>`;
    assert.equal(publishedDay(page, '', 'de'), '2022-01-14');
  });
});

describe('a two-digit year after a month name', () => {
  it('is read where nothing follows it', () => {
    assert.deepEqual(days('( Pescasseroli, 14 Gennaio 20 )'), ['2020-01-14']);
    assert.deepEqual(days('3. März 21'), ['2021-03-03']);
  });

  it('is not read when a word or a clock follows the number', () => {
    assert.deepEqual(days('am 14. Januar 20 Menschen'), []);
    assert.deepEqual(days('am 14. Januar 20:15 Uhr'), []);
  });

  it('dates a page by its bracketed date line', () => {
    const page = `<article><h1>Orso marsicano, un anno da record</h1><em>( Pescasseroli, 14 Gennaio 24 )</em>${prose}</article>`;
    assert.equal(publishedDay(page, '', 'it'), '2024-01-14');
  });
});

describe('a date box split into month, day and year elements', () => {
  const box =
    '<div class="date"><span class="month">Feb</span> <span class="day">18</span><span class="year">2024</span></div>';

  it('is read as one date', () => {
    assert.equal(publishedDay(`<article>${box}<h1>Ein neuer Beitrag im Blog</h1>${prose}</article>`), '2024-02-18');
  });

  it('beats a date written in the prose further down', () => {
    const later = '<p>Das Projekt war am 20.01.24 zu Ende, und ich danke allen, die dabei mitgemacht haben.</p>';
    assert.equal(
      publishedDay(`<article>${box}<h1>Ein neuer Beitrag</h1>${prose}${later}</article>`, '', 'de'),
      '2024-02-18',
    );
  });

  it('is not read outside a date box', () => {
    const spans = '<div class="stats"><span>Feb</span> <span>18</span><span>2024</span></div>';
    assert.equal(publishedDay(`<article>${spans}<h1>Ein neuer Beitrag im Blog</h1>${prose}</article>`), undefined);
  });
});
