// Document frequencies kept as the stream goes: every article adds one to each distinct key it
// holds. Keys share one table under prefixes, so a name and the same word in prose are counted
// apart: words and word pairs as they are, names "n:", numbers "#:", dates "d:".
import type { StoryProfile } from './profile.ts';

export interface FrequencySnapshot {
  /** Articles counted so far. */
  documents: number;
  /** Articles holding the key (0 when unseen). */
  count(key: string): number;
}

export const NAME_KEY = 'n:';
export const NUMBER_KEY = '#:';
export const DATE_KEY = 'd:';

/** The distinct keys an article adds to the table. */
export function frequencyKeys(profile: StoryProfile): string[] {
  return [
    ...profile.terms.keys(),
    ...profile.names.map((name) => NAME_KEY + name),
    ...profile.numbers.map((number) => NUMBER_KEY + number),
    ...profile.dates.map((date) => DATE_KEY + date),
  ];
}

/** Pseudo articles added to the count so that the first articles' IDFs are not extreme. */
export const DOCUMENT_PRIOR = 50;

export function idf(frequencies: FrequencySnapshot, key: string): number {
  return Math.log((frequencies.documents + DOCUMENT_PRIOR) / (frequencies.count(key) + 0.5));
}

export class FrequencyTable implements FrequencySnapshot {
  documents = 0;
  readonly counts = new Map<string, number>();

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(keys: readonly string[]): void {
    this.documents++;
    for (const key of keys) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}
