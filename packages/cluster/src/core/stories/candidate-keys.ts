// Which keys an article is filed under in the candidate index, and looked up by: its strongest
// weighted terms and its rarest names. Two write-ups of one event share some of both; a lookup
// over a few keys keeps the candidate set (and the cost per article) small at any corpus size.
import type { WeightedProfile } from './similarity.ts';
import { NAME_KEY } from './frequencies.ts';

export const TERM_KEYS = 12;
export const NAME_KEYS = 6;

function strongest(vector: Map<string, number>, count: number): string[] {
  return [...vector]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([key]) => key);
}

export function candidateKeys(profile: WeightedProfile): string[] {
  return [...strongest(profile.terms, TERM_KEYS), ...strongest(profile.names, NAME_KEYS).map((n) => NAME_KEY + n)];
}

/** Candidates ranked by how many keys they share with the article, most first, at most `limit`. */
export function rankByHits(hits: Map<string, number>, limit: number): string[] {
  return [...hits]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([docId]) => docId);
}
