// Which keys an article is filed under in the candidate index, and looked up by: its strongest
// weighted terms and its rarest names. Two write-ups of one event share some of both; a lookup
// over a few keys keeps the candidate set (and the cost per article) small at any corpus size.
import type { WeightedProfile } from './similarity.ts';
import { NAME_KEY } from './frequencies.ts';

export const TERM_KEYS = 12;
export const NAME_KEYS = 6;

const stronger = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/** The `count` heaviest keys in one pass (a vector has ~1,000 terms; sorting them all is waste). */
function strongest(vector: Map<string, number>, count: number): string[] {
  const top: [string, number][] = [];
  for (const entry of vector) {
    if (top.length === count && stronger(entry, top[count - 1]!) >= 0) continue;
    const at = top.findIndex((t) => stronger(entry, t) < 0);
    top.splice(at === -1 ? top.length : at, 0, entry);
    if (top.length > count) top.pop();
  }
  return top.map(([key]) => key);
}

export function candidateKeys(profile: WeightedProfile): string[] {
  return [...strongest(profile.terms, TERM_KEYS), ...strongest(profile.names, NAME_KEYS).map((n) => NAME_KEY + n)];
}

/**
 * Candidates ranked by how many of the article's keys list them, then the newest first (news of one
 * event arrives together), at most `limit`. `postings`: the arrival numbers of every looked-up
 * key's list, one entry per listing, in any order (it is sorted in place). Arrival numbers, so a
 * store names only the ones kept; a sort of the typed array and one pass, since a lookup lists
 * thousands of articles, most of them once (counting them in a Map was most of the lookup).
 */
export function rankByHits(postings: Uint32Array, limit: number): number[] {
  if (limit <= 0 || postings.length === 0) return [];
  postings.sort();
  const [seqs, counts] = [new Uint32Array(postings.length), new Uint16Array(postings.length)];
  let distinct = 0;
  for (const seq of postings) {
    if (distinct > 0 && seqs[distinct - 1] === seq) {
      counts[distinct - 1]!++;
      continue;
    }
    seqs[distinct] = seq;
    counts[distinct++] = 1;
  }
  const least = leastKeptCount(counts.subarray(0, distinct), limit);
  const above: [number, number][] = [];
  const tied: number[] = [];
  for (let at = distinct - 1; at >= 0; at--) {
    const count = counts[at]!;
    if (count > least) above.push([seqs[at]!, count]);
    else if (count === least && tied.length < limit) tied.push(seqs[at]!);
  }
  // Newest first already; the stable sort keeps that order within a count.
  above.sort((a, b) => b[1] - a[1]);
  return [...above.map(([seq]) => seq), ...tied].slice(0, limit);
}

/** The `limit`-th highest count (the lowest when fewer were counted). */
function leastKeptCount(counts: Uint16Array, limit: number): number {
  const perCount = new Map<number, number>();
  for (const count of counts) perCount.set(count, (perCount.get(count) ?? 0) + 1);
  let [kept, least] = [0, 0];
  for (const count of [...perCount.keys()].sort((a, b) => b - a)) {
    [kept, least] = [kept + perCount.get(count)!, count];
    if (kept >= limit) break;
  }
  return least;
}
