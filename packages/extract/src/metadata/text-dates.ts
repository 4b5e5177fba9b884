// Calendar dates written in running text, in the forms news pages use across languages:
// "3. März 2021", "12 janvier 2022", "3 de marzo de 2021", "March 3, 2021", "24.04.2020",
// "2021-03-03", "2021年3月3日". Only full dates (day, month, year) count: a headline date needs a day.
import { monthOf } from './month-names.ts';

export interface TextDate {
  year: number;
  month: number;
  day: number;
  /** Where the match starts in the text, so the words before it can be read. */
  index: number;
  /** A numeric date whose day and month could be read either way (03/04/2021). */
  ambiguous?: boolean;
}

const YEAR = String.raw`((?:19|20)\d{2})`;
const DAY_FIRST_NAMED = new RegExp(
  String.raw`(?<!\d)(\d{1,2})(?:\.|st|nd|rd|th|er|º)?\s*(?:de\s+|of\s+)?(\p{L}{3,12})\.?,?\s*(?:de\s+|del\s+)?${YEAR}(?!\d)`,
  'gu',
);
/** "14 Gennaio 20 )": a two-digit year after a month name, only where nothing follows it (no "20 Uhr"). */
const DAY_FIRST_NAMED_SHORT_YEAR = /(?<!\d)(\d{1,2})\.?\s*(\p{L}{3,12})\.?,?\s+(\d{2})(?=\s*(?:[)\]]|$))/gu;
/** The start of a day range ending in a full date: "14. - 20. Januar 2022", "3 al 7 de marzo de 2021". */
const RANGE_START = /(?<![\d.])(\d{1,2})\.?\s*(?:-|–|—|bis|al|au|to)\s*$/u;
/** A longer span before a date ("Seite 2 - 20. Januar") is more likely another number than a range. */
const MAX_RANGE_DAYS = 14;
const MONTH_FIRST_NAMED = new RegExp(String.raw`(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+${YEAR}(?!\d)`, 'gu');
const YEAR_FIRST = new RegExp(String.raw`(?<![\d.])${YEAR}([-/.])(\d{1,2})\2(\d{1,2})(?![\d])`, 'g');
const NUMERIC = /(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2}|\d{2}(?![\d.]))(?!\d)/g;
const CJK = new RegExp(String.raw`${YEAR}\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})`, 'g');

/** All full dates in the text, in order. `monthFirst` reads 03/04/2021 as March 4 (US English). */
export function findTextDates(text: string, monthFirst = false): TextDate[] {
  if (!/\d/.test(text)) return [];
  const found: TextDate[] = [];
  const add = (index: number, year: number, month: number | undefined, day: number, ambiguous = false): void => {
    if (month && isRealDay(year, month, day) && !found.some((f) => f.index === index))
      found.push({ year, month, day, index, ...(ambiguous ? { ambiguous } : {}) });
  };
  for (const m of text.matchAll(DAY_FIRST_NAMED)) {
    // A range is dated by its first day: a weekly report or an event is announced from its start.
    const start = RANGE_START.exec(text.slice(Math.max(0, m.index - 12), m.index));
    const [day, first] = [Number(m[1]), Number(start?.[1])];
    if (first < day && day - first <= MAX_RANGE_DAYS) add(m.index, Number(m[3]), monthOf(m[2]!), first);
    else add(m.index, Number(m[3]), monthOf(m[2]!), day);
  }
  for (const m of text.matchAll(DAY_FIRST_NAMED_SHORT_YEAR))
    add(m.index, (Number(m[3]) > 50 ? 1900 : 2000) + Number(m[3]), monthOf(m[2]!), Number(m[1]));
  for (const m of text.matchAll(MONTH_FIRST_NAMED)) add(m.index, Number(m[3]), monthOf(m[1]!), Number(m[2]));
  for (const m of text.matchAll(YEAR_FIRST)) add(m.index, Number(m[1]), Number(m[3]), Number(m[4]));
  for (const m of text.matchAll(CJK)) add(m.index, Number(m[1]), Number(m[2]), Number(m[3]));
  for (const m of text.matchAll(NUMERIC)) readNumeric(m, monthFirst, add);
  return found.sort((a, b) => a.index - b.index);
}

function readNumeric(
  m: RegExpMatchArray,
  monthFirst: boolean,
  add: (index: number, year: number, month: number, day: number, ambiguous: boolean) => void,
): void {
  const [, a, sep, b, y] = m;
  // A two-digit year only in the dotted form ("24.04.20"), where it is common and unambiguous.
  if (y!.length === 2 && sep !== '.') return;
  const year = y!.length === 2 ? (Number(y) > 50 ? 1900 : 2000) + Number(y) : Number(y);
  const [first, second] = [Number(a), Number(b)];
  const swap = sep === '/' && (second > 12 || (monthFirst && first <= 12));
  add(
    m.index!,
    year,
    swap ? first : second,
    swap ? second : first,
    sep !== '.' && first !== second && first <= 12 && second <= 12,
  );
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

export function dayIso({ year, month, day }: TextDate): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
