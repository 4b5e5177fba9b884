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
 * Candidates ranked by how many keys they share with the article, then the newest first (news of
 * one event arrives together), at most `limit`; they are named by arrival number, so a store names
 * only the ones kept. A lookup can hit thousands of articles, most of them once: no full sort.
 */
export function rankByHits(hits: Map<number, number>, limit: number): number[] {
  if (limit <= 0) return [];
  const least = leastKeptCount(hits, limit);
  const [above, tied] = [[] as [number, number][], [] as number[]];
  for (const [seq, count] of hits)
    if (count > least) above.push([seq, count]);
    else if (count === least) tied.push(seq);
  above.sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  const newestTied = Uint32Array.from(tied)
    .sort()
    .reverse()
    .subarray(0, limit - above.length);
  return [...above.map(([seq]) => seq), ...newestTied];
}

/** The `limit`-th highest hit count (the lowest when fewer articles were hit). */
function leastKeptCount(hits: Map<number, number>, limit: number): number {
  const perCount = new Map<number, number>();
  for (const count of hits.values()) perCount.set(count, (perCount.get(count) ?? 0) + 1);
  let [kept, least] = [0, 0];
  for (const count of [...perCount.keys()].sort((a, b) => b - a)) {
    [kept, least] = [kept + perCount.get(count)!, count];
    if (kept >= limit) break;
  }
  return least;
}
