// A line that says only when the article appeared ("Veröffentlicht am 24.04.2020, 10:15 Uhr",
// "| UPDATED: 11:05, Tue, Nov 19, 2019", "Publié le 12 janvier 2022") is page furniture beside the
// text, in any of the languages below: it holds dates, times, weekdays and date labels, nothing else.
import { foldWord, monthOf } from '../metadata/month-names.ts';

const MAX_DATE_LINE = 90;

/** Date labels and their glue words in en, de, fr, es, it, nl, pt and pl, folded like month names. */
const LABEL_WORDS = new Set(
  (
    'published updated posted last first modified on at release date time the of ' +
    'veroffentlicht aktualisiert zuletzt erstellt geandert stand datum vom am um uhr ' +
    'publie mis a jour le du ' +
    'publicado actualizado el de del las ' +
    'pubblicato aggiornato il alle ore ' +
    'gepubliceerd bijgewerkt geplaatst op om ' +
    'atualizado em as ' +
    'opublikowano zaktualizowano aktualizacja dnia godz o ' +
    'am pm utc gmt cet cest mez mesz est edt pst pdt bst'
  ).split(' '),
);

const WEEKDAYS = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim ' +
    'lunes martes miercoles jueves viernes sabado domingo ' +
    'lunedi martedi mercoledi giovedi venerdi sabato domenica ' +
    'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ' +
    'segunda terca quarta quinta sexta feira ' +
    'poniedzialek wtorek sroda czwartek piatek sobota niedziela'
  ).split(' '),
);

/** Day, year, ordinal, or a time written 08h15. */
const NUMBER = /^\d{1,4}(?:st|nd|rd|th|er|e|º|°|h\d{2})?$/;
/** Evidence that the line carries a date at all: a year, or day and month in digits. */
const HAS_DATE = /\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/;

export function isDateLine(text: string): boolean {
  if (text.length > MAX_DATE_LINE || !HAS_DATE.test(text)) return false;
  const tokens = text.split(/[\s,.:;/|•·–—\-()[\]]+/u).filter(Boolean);
  return tokens.length > 0 && tokens.every(isDateToken);
}

function isDateToken(token: string): boolean {
  if (NUMBER.test(token)) return true;
  const word = foldWord(token);
  return LABEL_WORDS.has(word) || WEEKDAYS.has(word) || monthOf(word) !== undefined;
}
