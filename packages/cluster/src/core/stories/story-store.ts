// What the story assigner needs from a store. The decisions are pure (decide.ts, repair.ts); a
// store only keeps the state: the frequency table, the candidate index, each article's profile
// and story, and which stories grew recently. Implementations: memory (tests, eval) and Redis
// (shared by workers); one contract suite holds them to the same behaviour.
import type { FrequencySnapshot } from './frequencies.ts';
import type { StoryProfile } from './profile.ts';
import type { WeightedProfile } from './similarity.ts';

/** An earlier article as a candidate: its signals as weighed when it arrived. */
export interface StoredCandidate {
  vector: WeightedProfile;
  storyId: string;
  storySize: number;
}

/** A member of a recent story, with its signals as weighed when it arrived. */
export interface RecentMember {
  vector: WeightedProfile;
  storyId: string;
}

export interface StoryRelabel {
  /** Articles that moved (from absorbed stories, or between stories in a repair). */
  docIds: string[];
  storyId: string;
  /** Grows with every change, so an indexer can ignore a relabel older than one it applied. */
  mergeSeq: number;
}

export interface StoryDecision {
  storyId: string;
  isNewStory: boolean;
  /** Earlier articles whose story changed because this one bridged stories. */
  relabels: StoryRelabel[];
}

/** A commit's decision and its arrival number (0 for a replay), which drives the periodic repair. */
export type StoryCommitResult = StoryDecision & { seq: number };

export interface StoryCommit {
  profile: StoryProfile;
  /** Its signals weighed at arrival, kept for later articles to compare against. */
  vector: WeightedProfile;
  /** Keys to file the article under in the candidate index. */
  indexKeys: string[];
  /** The epoch `count` filed it in (default 0): its vector and index keys are kept there. */
  epoch?: number;
  /** Story to join (null: open one named after the article). */
  storyId: string | null;
  /** Stories to fold into storyId. */
  absorb: string[];
  /**
   * The article's copy cluster: a repair move takes a cluster's articles together, so a copy
   * cluster never spans two stories, whatever a concurrent repair saw.
   */
  cluster?: string;
  /** Articles whose copy clusters merged into `cluster` with this article's arrival. */
  clusterMergedFrom?: string[];
}

/** Where `count` filed an article, and the frequencies it reads there (as `frequencies` would). */
export interface Counted {
  epoch: number;
  frequencies: FrequencySnapshot;
}

export interface StoryMoveRequest {
  storyId: string;
  docIds: string[];
}

export interface StoryStore {
  /** The article's story if it was committed before (a replay), else null. */
  storyOf(docId: string): Promise<string | null>;
  /** The stories of these articles, in their order (null for one not committed), in one request. */
  storiesOf(docIds: readonly string[]): Promise<(string | null)[]>;
  /**
   * A replay of a committed article: its current story and every relabel its commit caused (a
   * bridge merge, the repair it triggered), so a worker that died before sending them sends them
   * on the retry. Null for an article not committed yet.
   */
  replayOf(docId: string): Promise<StoryDecision | null>;
  /** Members in arrival order ([] for an unknown or absorbed story). */
  membersOf(storyId: string): Promise<string[]>;
  /**
   * Counts an article into the frequency table of its epoch (story-epoch.ts; default 0), once per
   * docId, so replays do not inflate it. Returns the epoch it was filed in (a late article goes to
   * the oldest epoch kept); reads and the commit use that one. Reaching a newer epoch drops the
   * epochs before the one before it. Also returns the keys' frequencies over that epoch and the
   * one before, this article counted: what the weighing reads next, in the same step.
   */
  count(docId: string, keys: readonly string[], epoch?: number): Promise<Counted>;
  /** Document frequencies of the given keys over the epoch and the one before (a store may return more). */
  frequencies(keys: readonly string[], epoch?: number): Promise<FrequencySnapshot>;
  /** Articles of the epoch and the one before filed under the most of these keys, most first. */
  candidates(keys: readonly string[], limit: number, epoch?: number): Promise<StoredCandidate[]>;
  commit(request: StoryCommit): Promise<StoryCommitResult>;
  /**
   * Members of the stories that grew during the last `articles` commits, with their story (members
   * whose epoch was dropped are left out: their vectors are gone with it).
   */
  recentMembers(articles: number, maxMembers: number): Promise<RecentMember[]>;
  /** Applies a repair's moves (with their articles' whole copy clusters); returns them as relabels (kept for `causedBy`'s replay). */
  move(moves: readonly StoryMoveRequest[], causedBy?: string): Promise<StoryRelabel[]>;
  /** Commits so far (drives the periodic repair). */
  commits(): Promise<number>;
}
