// The streaming story assigner: one procedure over any StoryStore. Per article: count its keys
// into the frequency table, weigh it, fetch candidates from the shared index, choose (decide.ts),
// commit. Every `repairEvery` commits, the repair pass re-clusters the members of recent stories
// (repair.ts) and moves what it must; the moves come back as relabels for the search index.
import { candidateKeys } from './candidate-keys.ts';
import { chooseStory } from './decide.ts';
import type { StoryChoice } from './decide.ts';
import { frequencyKeys } from './frequencies.ts';
import type { StoryModel } from './model.ts';
import { profileOf } from './profile.ts';
import type { StoryArticle } from './profile.ts';
import { PairMemo, repairMoves } from './repair.ts';
import { truncate, weigh } from './similarity.ts';
import type { RecentMember, StoryDecision, StoryRelabel, StoryStore } from './story-store.ts';
import { epochOf } from './story-epoch.ts';
import { TRAINED_STORY_MODEL } from './story-weights.ts';

export interface StoryOptions {
  model: StoryModel;
  /**
   * Articles further apart in time never share a story; it is also the retention: a store keeps
   * two epochs of this length (story-epoch.ts), so state older than one to two windows is dropped.
   */
  windowDays: number;
  /** Candidates fetched from the index per article. */
  candidateLimit: number;
  /** Run the repair pass after every this many commits (0: never). */
  repairEvery: number;
  /** The repair pass covers stories that grew during this many latest commits... */
  repairArticles: number;
  /** ...up to this many members, so its cost stays bounded. */
  repairMaxMembers: number;
}

export const DEFAULT_STORY_OPTIONS: StoryOptions = {
  model: TRAINED_STORY_MODEL,
  windowDays: 3,
  candidateLimit: 40,
  repairEvery: 200,
  repairArticles: 1000,
  repairMaxMembers: 600,
};

const DAY_MILLIS = 86_400_000;

/**
 * `pinned`: the story is already decided by the caller (the dedupe stage pins an article that
 * joined a copy cluster to that cluster's story, and folds in the stories of clusters it merged),
 * so every copy cluster stays in one story. The article is still counted and filed as usual.
 */
export async function assignStory(
  store: StoryStore,
  article: StoryArticle,
  options: StoryOptions,
  pinned?: StoryChoice,
): Promise<StoryDecision> {
  const replay = await store.replayOf(article.docId);
  if (replay !== null) return replay;
  const profile = profileOf(article);
  const keys = frequencyKeys(profile);
  const window = { windowMillis: options.windowDays * DAY_MILLIS };
  const { epoch, frequencies } = await store.count(article.docId, keys, epochOf(profile.time, window.windowMillis));
  const vector = weigh(profile, frequencies);
  const indexKeys = candidateKeys(vector);
  const candidates = pinned ? [] : await store.candidates(indexKeys, options.candidateLimit, epoch);
  const choice = pinned ?? chooseStory(vector, candidates, options.model, window);
  const copies = { cluster: article.cluster, clusterMergedFrom: article.clusterMergedFrom };
  const request = { profile, vector: truncate(vector), indexKeys, epoch, ...choice, ...copies };
  const { seq, ...decision } = await store.commit(request);
  if (options.repairEvery > 0 && seq > 0 && seq % options.repairEvery === 0)
    decision.relabels.push(...(await repairStories(store, options, article.docId)));
  return decision;
}

/** Per store, the last repair's pair probabilities (repair.ts), while the model and window stay. */
const pairMemos = new WeakMap<StoryStore, PairMemo>();

function memoOf(store: StoryStore, options: StoryOptions): PairMemo {
  const windowMillis = options.windowDays * DAY_MILLIS;
  const memo = pairMemos.get(store);
  if (memo !== undefined && memo.model === options.model && memo.window.windowMillis === windowMillis) return memo;
  const fresh = new PairMemo(options.model, { windowMillis });
  pairMemos.set(store, fresh);
  return fresh;
}

/** `causedBy`: the article whose commit triggered this repair (its replay returns the moves). */
export async function repairStories(
  store: StoryStore,
  options: StoryOptions,
  causedBy?: string,
): Promise<StoryRelabel[]> {
  const recent: RecentMember[] = await store.recentMembers(options.repairArticles, options.repairMaxMembers);
  if (recent.length < 2) return [];
  // Stored vectors, not re-weighed: re-weighing hundreds of profiles would cost more than the
  // articles between two repairs, and cross-validation showed no gain from fresher IDFs.
  const members = recent.map((m) => ({ storyId: m.storyId, profile: m.vector }));
  const memo = memoOf(store, options);
  const moves = repairMoves(members, options.model, memo.window, await store.commits(), memo);
  return moves.length === 0 ? [] : store.move(moves, causedBy);
}
