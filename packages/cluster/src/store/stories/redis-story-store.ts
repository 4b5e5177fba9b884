// The story state in Redis, shared by any number of workers. Writes that must not interleave
// (counting an article once, committing it with the merges it causes, moving articles in a
// repair) are Lua scripts over keys in one hash slot; reads for candidates are plain HMGETs.
import type { Cluster, Redis } from 'ioredis';
import { rankByHits } from '../../core/stories/candidate-keys.ts';
import type { FrequencySnapshot } from '../../core/stories/frequencies.ts';
import type { WeightedProfile } from '../../core/stories/similarity.ts';
import type * as Stories from '../../core/stories/story-store.ts';
import { POSTINGS_PER_KEY } from './memory-story-store.ts';
import { COMMIT_STORY_LUA, COUNT_STORY_LUA, MOVE_STORIES_LUA } from './story-scripts.ts';

/** Parsed stored vectors kept per store (~10 KB each). */
const VECTOR_CACHE = 2000;

const VECTOR_FIELDS = ['terms', 'lead', 'names', 'leadNames', 'places', 'numbers', 'dates'] as const;

/** Only the weighed vector is kept: candidates and the repair pass compare stored vectors. */
interface StoredDoc {
  vector: Record<string, unknown>;
}

function vectorToJson(vector: WeightedProfile): Record<string, unknown> {
  return { ...vector, ...Object.fromEntries(VECTOR_FIELDS.map((f) => [f, [...vector[f]]])) };
}

function vectorFromJson(json: Record<string, unknown>): WeightedProfile {
  const fields = Object.fromEntries(VECTOR_FIELDS.map((f) => [f, new Map(json[f] as [string, number][])]));
  return { ...(json as unknown as WeightedProfile), ...fields };
}

const asArray = <T>(json: string): T[] => {
  const parsed = JSON.parse(json) as unknown;
  return Array.isArray(parsed) ? (parsed as T[]) : [];
};

export class RedisStoryStore implements Stories.StoryStore {
  readonly redis: Redis | Cluster;
  readonly keys: Record<
    | 'story'
    | 'members'
    | 'arrival'
    | 'grew'
    | 'forwards'
    | 'meta'
    | 'docs'
    | 'postings'
    | 'replays'
    | 'unitOf'
    | 'units',
    string
  >;
  readonly countKeys: string[];
  readonly prefix: string;

  /**
   * Keys are `<prefix>:{<prefix>}:<name>`: they start with the prefix (found by a prefix scan) and
   * carry it as a hash tag, so every key of one store shares a Redis Cluster slot.
   */
  readonly vectorCacheSize: number;

  constructor(redis: Redis | Cluster, prefix = 'newsflow:stories', options: { vectorCache?: number } = {}) {
    this.vectorCacheSize = options.vectorCache ?? VECTOR_CACHE;
    this.redis = redis;
    this.prefix = prefix;
    const tag = `${prefix}:{${prefix}}`;
    const names = [
      ...['story', 'members', 'arrival', 'grew', 'forwards', 'meta', 'docs', 'postings'],
      ...['replays', 'unitOf', 'units'],
    ] as const;
    this.keys = Object.fromEntries(names.map((n) => [n, `${tag}:${n}`])) as RedisStoryStore['keys'];
    this.countKeys = [`${tag}:counted`, `${tag}:frequencies`, this.keys.meta];
  }

  get allKeys(): string[] {
    return [...Object.values(this.keys), ...this.countKeys];
  }

  private get scriptKeys(): string[] {
    const k = this.keys;
    return [
      k.story,
      k.members,
      k.arrival,
      k.grew,
      k.forwards,
      k.meta,
      k.docs,
      k.postings,
      k.replays,
      k.unitOf,
      k.units,
    ];
  }

  async storyOf(docId: string): Promise<string | null> {
    return this.redis.hget(this.keys.story, docId);
  }

  /** One HMGET on the one doc -> story hash: a single key, so one slot and one round trip. */
  async storiesOf(docIds: readonly string[]): Promise<(string | null)[]> {
    if (docIds.length === 0) return [];
    return this.redis.hmget(this.keys.story, ...docIds);
  }

  async membersOf(storyId: string): Promise<string[]> {
    return asArray<string>((await this.redis.hget(this.keys.members, storyId)) ?? '[]');
  }

  async count(docId: string, keys: readonly string[]): Promise<void> {
    await this.redis.eval(COUNT_STORY_LUA, 3, ...this.countKeys, docId, ...keys);
  }

  async frequencies(keys: readonly string[]): Promise<FrequencySnapshot> {
    const [documents, counts] = await Promise.all([
      this.redis.hget(this.keys.meta, 'documents'),
      keys.length === 0 ? [] : this.redis.hmget(this.countKeys[1]!, ...keys),
    ]);
    const table = new Map(keys.map((key, i) => [key, Number(counts[i] ?? 0)]));
    return { documents: Number(documents ?? 0), count: (key) => table.get(key) ?? 0 };
  }

  async candidates(keys: readonly string[], limit: number): Promise<Stories.StoredCandidate[]> {
    if (keys.length === 0) return [];
    const hits = new Map<string, number>();
    for (const list of await this.redis.hmget(this.keys.postings, ...keys))
      for (const docId of list?.split(' ') ?? []) hits.set(docId, (hits.get(docId) ?? 0) + 1);
    const docIds = rankByHits(hits, limit);
    if (docIds.length === 0) return [];
    const [vectors, stories] = await Promise.all([this.vectors(docIds), this.redis.hmget(this.keys.story, ...docIds)]);
    const sizes = await this.redis.hmget(this.keys.members, ...new Set(stories.map((s) => s!)));
    const sizeOf = new Map([...new Set(stories.map((s) => s!))].map((s, i) => [s, asArray(sizes[i] ?? '[]').length]));
    return docIds.map((_, i) => ({
      vector: vectors[i]!,
      storyId: stories[i]!,
      storySize: sizeOf.get(stories[i]!)!,
    }));
  }

  /**
   * Stored vectors never change once committed, so parsed ones are kept (the newest
   * `vectorCacheSize`, default VECTOR_CACHE):
   * the same recent articles are candidates for many arrivals, and parsing their JSON was most of
   * this client's CPU per article.
   */
  private readonly vectorCache = new Map<string, WeightedProfile>();

  private async vectors(docIds: readonly string[]): Promise<WeightedProfile[]> {
    const missing = [...new Set(docIds.filter((id) => !this.vectorCache.has(id)))];
    if (missing.length > 0) {
      const stored = await this.redis.hmget(this.keys.docs, ...missing);
      missing.forEach((id, i) =>
        this.vectorCache.set(id, vectorFromJson((JSON.parse(stored[i]!) as StoredDoc).vector)),
      );
    }
    // Read before evicting: an entry this call needs may be among the oldest.
    const vectors = docIds.map((id) => this.vectorCache.get(id)!);
    for (const id of this.vectorCache.keys()) {
      if (this.vectorCache.size <= this.vectorCacheSize) break;
      this.vectorCache.delete(id);
    }
    return vectors;
  }

  async commit(request: Stories.StoryCommit): Promise<Stories.StoryCommitResult> {
    const doc: StoredDoc = { vector: vectorToJson(request.vector) };
    const [storyId, isNew, relabels, seq] = (await this.redis.eval(
      COMMIT_STORY_LUA,
      11,
      ...this.scriptKeys,
      request.profile.docId,
      JSON.stringify(doc),
      request.storyId ?? '',
      JSON.stringify(request.absorb),
      JSON.stringify(request.indexKeys),
      POSTINGS_PER_KEY,
      request.cluster ?? '',
      JSON.stringify(request.clusterMergedFrom ?? []),
    )) as [string, number, string, number];
    return { storyId, isNewStory: isNew === 1, relabels: asArray<Stories.StoryRelabel>(relabels), seq };
  }

  async recentMembers(articles: number, maxMembers: number): Promise<Stories.RecentMember[]> {
    const seq = await this.commits();
    const ids = await this.redis.zrevrangebyscore(this.keys.grew, '+inf', `(${seq - articles}`);
    if (ids.length === 0) return [];
    const lists = (await this.redis.hmget(this.keys.members, ...ids)).map((json) => asArray<string>(json ?? '[]'));
    const picked: { docId: string; storyId: string }[] = [];
    for (const [i, list] of lists.entries()) {
      if (picked.length + list.length > maxMembers) break;
      picked.push(...list.map((docId) => ({ docId, storyId: ids[i]! })));
    }
    if (picked.length === 0) return [];
    const docIds = picked.map((p) => p.docId);
    const [vectors, arrival] = await Promise.all([
      this.vectors(docIds),
      this.redis.hmget(this.keys.arrival, ...docIds),
    ]);
    return picked
      .map((p, i) => ({ vector: vectors[i]!, storyId: p.storyId, seq: Number(arrival[i]) }))
      .sort((a, b) => a.seq - b.seq)
      .map(({ vector, storyId }) => ({ vector, storyId }));
  }

  async replayOf(docId: string): Promise<Stories.StoryDecision | null> {
    const [storyId, relabels] = await Promise.all([
      this.redis.hget(this.keys.story, docId),
      this.redis.hget(this.keys.replays, docId),
    ]);
    if (storyId === null) return null;
    return { storyId, isNewStory: false, relabels: asArray<Stories.StoryRelabel>(relabels ?? '[]') };
  }

  async move(moves: readonly Stories.StoryMoveRequest[], causedBy = ''): Promise<Stories.StoryRelabel[]> {
    if (moves.length === 0) return [];
    const args = [JSON.stringify(moves), causedBy];
    const out = (await this.redis.eval(MOVE_STORIES_LUA, 11, ...this.scriptKeys, ...args)) as string;
    return asArray<Stories.StoryRelabel>(out);
  }

  async commits(): Promise<number> {
    return Number((await this.redis.hget(this.keys.meta, 'seq')) ?? 0);
  }
}
