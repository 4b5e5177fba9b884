// The story state in process memory: for tests, the eval and single-process use. Same contract as
// the Redis store (test/stories/story-store-contract.ts).
import { rankByHits } from '../../core/stories/candidate-keys.ts';
import { survivorOrder } from '../../core/stories/decide.ts';
import type { FrequencySnapshot } from '../../core/stories/frequencies.ts';
import { FrequencySketch, summedSketches } from '../../core/stories/frequency-sketch.ts';
import type { WeightedProfile } from '../../core/stories/similarity.ts';
import { liveEpoch, readEpochs } from '../../core/stories/story-epoch.ts';
import type {
  Counted,
  RecentMember,
  StoredCandidate,
  StoryCommit,
  StoryCommitResult,
  StoryDecision,
  StoryMoveRequest,
  StoryRelabel,
  StoryStore,
} from '../../core/stories/story-store.ts';

/** Newest articles kept per index key: a key common enough to exceed it says little anyway. */
export const POSTINGS_PER_KEY = 500;

/** What one epoch holds: dropped as a whole once two newer epochs exist. */
export interface EpochState {
  table: FrequencySketch;
  counted: Set<string>;
  postings: Map<string, string[]>;
  vectors: Map<string, WeightedProfile>;
}

export class MemoryStoryStore implements StoryStore {
  readonly epochs = new Map<number, EpochState>();
  newestEpoch: number | null = null;
  /** Arrival number of every article (kept past its epoch: story member lists stay in arrival order). */
  readonly arrival = new Map<string, number>();
  readonly stories = new Map<string, string>();
  readonly members = new Map<string, string[]>();
  readonly grewAt = new Map<string, number>();
  /** Emptied story -> the story that took its last member: a caller may still name the old id. */
  readonly forwards = new Map<string, string>();
  /** Relabels each article's commit caused (returned again on its replay). */
  readonly replays = new Map<string, StoryRelabel[]>();
  /** Copy cluster of each article, and the articles of each: a move takes whole clusters. */
  readonly unitOf = new Map<string, string>();
  readonly units = new Map<string, string[]>();
  seq = 0;
  mergeSeq = 0;

  async storyOf(docId: string): Promise<string | null> {
    return this.stories.get(docId) ?? null;
  }

  async storiesOf(docIds: readonly string[]): Promise<(string | null)[]> {
    return docIds.map((id) => this.stories.get(id) ?? null);
  }

  async replayOf(docId: string): Promise<StoryDecision | null> {
    const storyId = this.stories.get(docId);
    if (storyId === undefined) return null;
    return { storyId, isNewStory: false, relabels: [...(this.replays.get(docId) ?? [])] };
  }

  async membersOf(storyId: string): Promise<string[]> {
    return [...(this.members.get(storyId) ?? [])];
  }

  /** The state of a live epoch, created on first use; reaching a newer epoch drops the old ones. */
  private epoch(requested: number): EpochState {
    const epoch = liveEpoch(requested, this.newestEpoch);
    if (this.newestEpoch === null || epoch > this.newestEpoch) {
      this.newestEpoch = epoch;
      for (const old of this.epochs.keys()) if (old < epoch - 1) this.epochs.delete(old);
    }
    let state = this.epochs.get(epoch);
    if (state === undefined) {
      state = { table: new FrequencySketch(), counted: new Set(), postings: new Map(), vectors: new Map() };
      this.epochs.set(epoch, state);
    }
    return state;
  }

  /** The kept epochs an article of `epoch` reads (no state is created for a read). */
  private readable(epoch: number): EpochState[] {
    return readEpochs(epoch).flatMap((e) => this.epochs.get(e) ?? []);
  }

  private vectorOf(docId: string): WeightedProfile | undefined {
    for (const state of this.epochs.values()) {
      const vector = state.vectors.get(docId);
      if (vector !== undefined) return vector;
    }
    return undefined;
  }

  async count(docId: string, keys: readonly string[], epoch = 0): Promise<Counted> {
    const live = liveEpoch(epoch, this.newestEpoch);
    const state = this.epoch(live);
    if (!state.counted.has(docId)) {
      state.counted.add(docId);
      state.table.add(keys);
    }
    return { epoch: live, frequencies: await this.frequencies(keys, live) };
  }

  async frequencies(_keys: readonly string[] = [], epoch = 0): Promise<FrequencySnapshot> {
    return summedSketches(this.readable(epoch).map((s) => s.table));
  }

  async candidates(keys: readonly string[], limit: number, epoch = 0): Promise<StoredCandidate[]> {
    const postings: number[] = [];
    const found = new Map<number, { docId: string; vector: WeightedProfile }>();
    for (const state of this.readable(epoch))
      for (const key of keys)
        for (const docId of state.postings.get(key) ?? []) {
          const seq = this.arrival.get(docId)!;
          postings.push(seq);
          found.set(seq, { docId, vector: state.vectors.get(docId)! });
        }
    return rankByHits(Uint32Array.from(postings), limit).map((seq) => {
      const { docId, vector } = found.get(seq)!;
      return this.candidate(docId, vector);
    });
  }

  private candidate(docId: string, vector: WeightedProfile): StoredCandidate {
    const storyId = this.stories.get(docId)!;
    return { vector, storyId, storySize: this.members.get(storyId)!.length };
  }

  async commit(request: StoryCommit): Promise<StoryCommitResult> {
    const docId = request.profile.docId;
    const known = this.stories.get(docId);
    if (known !== undefined) return { ...(await this.replayOf(docId))!, seq: 0 };
    // A copy cluster that has a story keeps it: the article joins it whatever the caller chose.
    const ofCluster = this.clusterStories(request.cluster, request.clusterMergedFrom ?? []);
    const chosen = [request.storyId, ...request.absorb].filter((id): id is string => id !== null);
    const named = ofCluster.length > 0 ? ofCluster : chosen;
    const joined = [...new Set(named.map((id) => this.live(id)))].filter((id) => this.members.has(id));
    const [survivor, ...absorbed] = joined
      .map((id) => ({ id, size: this.members.get(id)!.length }))
      .sort(survivorOrder)
      .map((s) => s.id);
    const storyId = survivor ?? docId;
    const relabels =
      absorbed.length === 0
        ? []
        : await this.move([{ storyId, docIds: absorbed.flatMap((id) => this.members.get(id)!) }], docId);
    this.file(request, storyId);
    this.fileUnit(docId, request.cluster, request.clusterMergedFrom ?? []);
    return { storyId, isNewStory: survivor === undefined, relabels, seq: this.seq };
  }

  /** The stories of the copy cluster's members, and of the articles (and clusters) its arrival merged in. */
  private clusterStories(unit: string | undefined, joinDocs: readonly string[]): string[] {
    const unitDocs = (u: string | undefined) => (u === undefined ? [] : (this.units.get(u) ?? []));
    const docs = [...unitDocs(unit), ...joinDocs.flatMap((d) => [d, ...unitDocs(this.unitOf.get(d))])];
    return [...new Set(docs.map((d) => this.stories.get(d)).filter((s): s is string => s !== undefined))];
  }

  private fileUnit(docId: string, unit: string | undefined, joinDocs: readonly string[]): void {
    if (unit === undefined) return;
    const list = this.units.get(unit) ?? [];
    const add = (m: string) => {
      if (!list.includes(m)) list.push(m);
      this.unitOf.set(m, unit);
    };
    for (const d of joinDocs) {
      const old = this.unitOf.get(d);
      if (old === undefined) add(d);
      else if (old !== unit) {
        for (const m of this.units.get(old) ?? []) add(m);
        this.units.delete(old);
      }
    }
    add(docId);
    this.units.set(unit, list);
  }

  /** The docIds with every article of their copy clusters. */
  private withUnits(docIds: readonly string[]): string[] {
    const unitDocs = (d: string) => this.units.get(this.unitOf.get(d) ?? '') ?? [];
    return [...new Set(docIds.flatMap((d) => [...unitDocs(d), d]))];
  }

  private live(storyId: string): string {
    let id = storyId;
    for (let next = this.forwards.get(id); next !== undefined; next = this.forwards.get(id)) id = next;
    return id;
  }

  private file(request: StoryCommit, storyId: string): void {
    const docId = request.profile.docId;
    this.seq++;
    const state = this.epoch(request.epoch ?? 0);
    state.vectors.set(docId, request.vector);
    this.arrival.set(docId, this.seq);
    // The newest article goes last: its story's list stays in arrival order without a sort.
    this.forwards.delete(storyId);
    this.stories.set(docId, storyId);
    const members = this.members.get(storyId) ?? [];
    members.push(docId);
    this.members.set(storyId, members);
    this.grewAt.set(storyId, this.seq);
    for (const key of request.indexKeys) {
      const list = state.postings.get(key) ?? [];
      list.push(docId);
      if (list.length > POSTINGS_PER_KEY) list.shift();
      state.postings.set(key, list);
    }
  }

  private place(docId: string, storyId: string): void {
    const before = this.stories.get(docId);
    if (before !== undefined) {
      const rest = this.members.get(before)!.filter((id) => id !== docId);
      if (rest.length === 0) {
        this.members.delete(before);
        if (before !== storyId) this.forwards.set(before, storyId);
      } else this.members.set(before, rest);
    }
    this.forwards.delete(storyId);
    this.stories.set(docId, storyId);
    this.members.set(storyId, [...(this.members.get(storyId) ?? []), docId].sort(this.byArrival));
    this.grewAt.set(storyId, this.seq);
  }

  private readonly byArrival = (a: string, b: string) => this.arrival.get(a)! - this.arrival.get(b)!;

  async recentMembers(articles: number, maxMembers: number): Promise<RecentMember[]> {
    const recent = [...this.grewAt]
      .filter(([id, seq]) => seq > this.seq - articles && this.members.has(id))
      .sort((a, b) => b[1] - a[1]);
    const docIds: string[] = [];
    for (const [id] of recent) {
      if (docIds.length + this.members.get(id)!.length > maxMembers) break;
      docIds.push(...this.members.get(id)!);
    }
    return docIds.sort(this.byArrival).flatMap((docId) => {
      const vector = this.vectorOf(docId);
      return vector === undefined ? [] : [{ vector, storyId: this.stories.get(docId)! }];
    });
  }

  async move(moves: readonly StoryMoveRequest[], causedBy?: string): Promise<StoryRelabel[]> {
    const relabels = moves.map((move) => {
      const docIds = this.withUnits(move.docIds);
      for (const docId of docIds) this.place(docId, move.storyId);
      return { docIds, storyId: move.storyId, mergeSeq: ++this.mergeSeq };
    });
    if (causedBy !== undefined && relabels.length > 0)
      this.replays.set(causedBy, [...(this.replays.get(causedBy) ?? []), ...relabels]);
    return relabels;
  }

  async commits(): Promise<number> {
    return this.seq;
  }
}
