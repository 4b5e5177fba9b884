// The signals between two articles, each a number in [0, 1]: weighted-term cosine (TF-IDF over
// words and word pairs), the same over title and lead, and IDF-weighted agreement on the names,
// places, numbers and dates they mention. A flag per mention kind says whether both articles
// mention any, so "they disagree" and "one says nothing" are told apart.
import { DATE_KEY, idf, NAME_KEY, NUMBER_KEY } from './frequencies.ts';
import type { FrequencySnapshot } from './frequencies.ts';
import type { StoryProfile } from './profile.ts';

type Vector = Map<string, number>;

/** An article's signals as unit vectors under one frequency snapshot. */
export interface WeightedProfile {
  docId: string;
  time: number | null;
  terms: Vector;
  lead: Vector;
  names: Vector;
  leadNames: Vector;
  places: Vector;
  numbers: Vector;
  dates: Vector;
}

export const FEATURES = [
  'terms',
  'lead',
  'names',
  'leadNames',
  'places',
  'numbers',
  'dates',
  'bothPlaces',
  'bothNumbers',
  'bothDates',
] as const;
export type Features = Record<(typeof FEATURES)[number], number>;

function unit(vector: Vector): Vector {
  let norm = 0;
  for (const weight of vector.values()) norm += weight * weight;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [key, weight] of vector) vector.set(key, weight / norm);
  return vector;
}

function termVector(counts: Map<string, number>, frequencies: FrequencySnapshot): Vector {
  const vector: Vector = new Map();
  for (const [term, count] of counts) vector.set(term, (1 + Math.log(count)) * idf(frequencies, term));
  return unit(vector);
}

function setVector(items: readonly string[], prefix: string, frequencies: FrequencySnapshot): Vector {
  return unit(new Map(items.map((item) => [item, idf(frequencies, prefix + item)])));
}

export function weigh(profile: StoryProfile, frequencies: FrequencySnapshot): WeightedProfile {
  return {
    docId: profile.docId,
    time: profile.time,
    terms: termVector(profile.terms, frequencies),
    lead: termVector(profile.lead, frequencies),
    names: setVector(profile.names, NAME_KEY, frequencies),
    leadNames: setVector(profile.leadNames, NAME_KEY, frequencies),
    places: setVector(profile.places, NAME_KEY, frequencies),
    numbers: setVector(profile.numbers, NUMBER_KEY, frequencies),
    dates: setVector(profile.dates, DATE_KEY, frequencies),
  };
}

/** Terms kept per stored vector: the weak tail adds little to a cosine and costs space and time. */
export const STORED_TERMS = 150;
export const STORED_LEAD_TERMS = 40;

/** The `count`-th largest weight (1-based), without sorting the whole vector. */
function cutoff(vector: Vector, count: number): number {
  const weights = new Float64Array(vector.size);
  let i = 0;
  for (const weight of vector.values()) weights[i++] = weight;
  return weights.sort()[vector.size - count]!;
}

/**
 * The `count` heaviest entries, heaviest first, ties in the vector's order: what a stable sort of
 * the whole vector then a slice gives (the stored order is the order later dot products sum in).
 */
function strongest(vector: Vector, count: number): Vector {
  if (vector.size <= count) return vector;
  const least = cutoff(vector, count);
  const kept: [string, number][] = [];
  for (const entry of vector) if (entry[1] > least) kept.push(entry);
  for (const entry of vector) if (entry[1] === least && kept.length < count) kept.push(entry);
  return new Map(kept.sort((a, b) => b[1] - a[1]));
}

/** The vector as stored for later comparisons (weights stay those of the full unit vector). */
export function truncate(profile: WeightedProfile): WeightedProfile {
  return {
    ...profile,
    terms: strongest(profile.terms, STORED_TERMS),
    lead: strongest(profile.lead, STORED_LEAD_TERMS),
  };
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [key, weight] of small) sum += weight * (large.get(key) ?? 0);
  return sum;
}

const both = (a: Vector, b: Vector) => (a.size > 0 && b.size > 0 ? 1 : 0);

export function features(a: WeightedProfile, b: WeightedProfile): Features {
  return {
    terms: dot(a.terms, b.terms),
    lead: dot(a.lead, b.lead),
    names: dot(a.names, b.names),
    leadNames: dot(a.leadNames, b.leadNames),
    places: dot(a.places, b.places),
    numbers: dot(a.numbers, b.numbers),
    dates: dot(a.dates, b.dates),
    bothPlaces: both(a.places, b.places),
    bothNumbers: both(a.numbers, b.numbers),
    bothDates: both(a.dates, b.dates),
  };
}
