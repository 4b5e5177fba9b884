// The online decision for one arriving article, pure: given its candidates (earlier articles that
// share its strongest terms, each with its story and that story's size), join the story of the
// best-matching member, and merge into it every other story the article bridges (matches one of
// its members well). The largest story keeps its id, so ids of big stories never change.
import { pairProbability } from './model.ts';
import type { StoryModel } from './model.ts';
import { features } from './similarity.ts';
import type { WeightedProfile } from './similarity.ts';
import type { StoredCandidate } from './story-store.ts';

export interface StoryChoice {
  /** The story to join, or null for a new story. */
  storyId: string | null;
  /** Other stories to fold into storyId (bridged by this article). */
  absorb: string[];
}

export interface Window {
  /** Articles further apart than this never share a story (when both have a time). */
  windowMillis: number;
}

export function withinWindow(a: WeightedProfile, b: WeightedProfile, window: Window): boolean {
  return a.time === null || b.time === null || Math.abs(a.time - b.time) <= window.windowMillis;
}

interface StoryScore {
  id: string;
  size: number;
  /** Best pair probability with one of the story's candidate members: decides a join. */
  best: number;
  /** Mean over its candidate members: a bridge merges whole stories, so it needs broad support. */
  mean: number;
}

function storyScores(
  article: WeightedProfile,
  candidates: readonly StoredCandidate[],
  model: StoryModel,
  window: Window,
): StoryScore[] {
  const byStory = new Map<string, { size: number; scores: number[] }>();
  for (const candidate of candidates) {
    if (!withinWindow(article, candidate.vector, window)) continue;
    const entry = byStory.get(candidate.storyId) ?? { size: candidate.storySize, scores: [] };
    entry.scores.push(pairProbability(model, features(article, candidate.vector)));
    byStory.set(candidate.storyId, entry);
  }
  return [...byStory].map(([id, { size, scores }]) => ({
    id,
    size,
    best: Math.max(...scores),
    mean: scores.reduce((sum, p) => sum + p, 0) / scores.length,
  }));
}

/** Larger first; on a tie the smaller id, so every worker picks the same survivor. */
export function survivorOrder(a: { id: string; size: number }, b: { id: string; size: number }): number {
  return b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function chooseStory(
  article: WeightedProfile,
  candidates: readonly StoredCandidate[],
  model: StoryModel,
  window: Window,
): StoryChoice {
  const scores = storyScores(article, candidates, model, window);
  const best = scores.reduce<StoryScore | undefined>((a, b) => (a && a.best >= b.best ? a : b), undefined);
  if (best === undefined || best.best < model.join) return { storyId: null, absorb: [] };
  const joined = scores
    .filter((s) => s === best || (s.best >= model.merge && s.mean >= model.merge))
    .sort(survivorOrder);
  return { storyId: joined[0]!.id, absorb: joined.slice(1).map((s) => s.id) };
}
