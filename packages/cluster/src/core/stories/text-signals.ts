// What an article mentions, beyond its vocabulary: names (runs of capitalised words), places
// (names after a locative preposition), numbers and dates. Two write-ups of one event agree on
// these even when they share few sentences; two same-kind events (two earthquakes) differ on them
// although their vocabulary overlaps. Everything here is language-generic pattern work over the
// text's own capitalisation: no lists of names, places or topics.
import { normalizeLine, tokenize } from '../normalize.ts';

export interface Mentions {
  /** Proper-noun phrases and their single words, lower-cased ("sarah palin", "palin"). */
  names: Set<string>;
  /** Names that follow "in", "at", "near"...: most likely places. */
  places: Set<string>;
  /** Numbers in digits, thousands separators dropped, plus spelled-out small numbers. */
  numbers: Set<string>;
  /** Months (with their day when given), weekdays and years. */
  dates: Set<string>;
}

const MONTHS = 'january february march april may june july august september october november december'.split(' ');
const MONTH_ABBREVIATIONS = new Map(MONTHS.map((m) => [m.slice(0, 3), m]));
const WEEKDAYS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '));
const NUMBER_WORDS = new Map(
  'one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand million billion'
    .split(' ')
    .map((word, i) => [word, String(i < 12 ? i + 1 : [20, 30, 40, 50, 100, 1e3, 1e6, 1e9][i - 12])]),
);
const LOCATIVES = new Set(['in', 'at', 'near', 'outside', 'off', 'across']);
/** Capitalised words that are grammar, not names, when a sentence starts with them. */
const CAPITALISED_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const DECIMAL = /\d+(?:\.\d+)?/g;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.,-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Longer than any month's name (with a full stop): the common case, answered without a copy. */
const LONGEST_MONTH = 'september.'.length;

function monthOf(word: string): string | undefined {
  if (word.length > LONGEST_MONTH) return undefined;
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (MONTHS.includes(lower)) return lower;
  return lower.length <= 4 ? MONTH_ABBREVIATIONS.get(lower.slice(0, 3)) : undefined;
}

function isNameWord(word: string): boolean {
  return CAPITALISED_WORD.test(word) && monthOf(word) === undefined && !WEEKDAYS.has(word.toLowerCase());
}

/** Sentences as lists of words (a run of names never crosses a sentence end). */
function sentencesOf(text: string): string[][] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.match(WORD) ?? [])
    .filter((words) => words.length > 0);
}

/** Maximal runs of capitalised words; a sentence-initial word counts only if seen mid-sentence. */
function nameRuns(sentences: string[][], midSentence: Set<string>): { run: string[]; before: string }[] {
  const runs: { run: string[]; before: string }[] = [];
  for (const words of sentences) {
    let run: string[] = [];
    const flush = (index: number) => {
      if (run.length > 0) runs.push({ run, before: (words[index - run.length - 1] ?? '').toLowerCase() });
      run = [];
    };
    words.forEach((word, i) => {
      const counts = isNameWord(word) && (i > 0 || midSentence.has(word) || (words[1] && isNameWord(words[1])));
      if (counts) run.push(word.replace(/['’]s$/, ''));
      else flush(i);
    });
    flush(words.length);
  }
  return runs;
}

function nameMentions(sentences: string[][]): Pick<Mentions, 'names' | 'places'> {
  const midSentence = new Set(sentences.flatMap((words) => words.slice(1).filter(isNameWord)));
  const names = new Set<string>();
  const places = new Set<string>();
  for (const { run, before } of nameRuns(sentences, midSentence)) {
    const phrase = run.join(' ').toLowerCase();
    names.add(phrase);
    if (run.length > 1) for (const word of run) names.add(word.toLowerCase());
    if (LOCATIVES.has(before)) places.add(phrase);
  }
  return { names, places };
}

/** `textTokens`: the text's tokens if the caller has them (reused when no digit commas go). */
function numberAndDateMentions(text: string, textTokens?: string[]): Pick<Mentions, 'numbers' | 'dates'> {
  const plain = text.replace(/(\d),(\d{3})/g, '$1$2');
  const tokens = plain === text && textTokens !== undefined ? textTokens : tokenize(normalizeLine(plain));
  const numbers = new Set((plain.match(DECIMAL) ?? []).map((n) => n.replace(/^0+(?=\d)/, '')));
  const dates = new Set<string>();
  tokens.forEach((token, i) => {
    const month = monthOf(token);
    if (NUMBER_WORDS.has(token)) numbers.add(NUMBER_WORDS.get(token)!);
    if (/^(1[89]|20)\d\d$/.test(token)) dates.add(token);
    if (WEEKDAYS.has(token)) dates.add(token);
    if (month !== undefined && (token !== 'may' || /^\d/.test(tokens[i + 1] ?? ''))) {
      const day = tokens[i + 1] ?? '';
      dates.add(/^\d{1,2}(st|nd|rd|th)?$/.test(day) ? `${month} ${parseInt(day, 10)}` : month);
    }
  });
  return { numbers, dates };
}

/** The text mentions are read from, and the one `textTokens` (below) must be the tokens of. */
export const mentionText = (title: string, body: string) => `${title}\n${body}`;

/** `textTokens`: tokenize(normalizeLine(mentionText(title, body))), when the caller has them. */
export function mentionsOf(title: string, body: string, textTokens?: string[]): Mentions {
  const text = mentionText(title, body);
  return { ...nameMentions(sentencesOf(text)), ...numberAndDateMentions(text, textTokens) };
}

/** mentionsOf(title, body).names alone. */
export function namesOf(title: string, body: string): Set<string> {
  return nameMentions(sentencesOf(mentionText(title, body))).names;
}
