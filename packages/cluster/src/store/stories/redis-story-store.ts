// The story state in Redis, shared by any number of workers. Writes that must not interleave
// (counting an article once, committing it with the merges it causes, moving articles in a
// repair) are Lua scripts over keys in one hash slot; reads for candidates are plain HMGETs.
import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { rankByHits } from '../../core/stories/candidate-keys.ts';
import type { FrequencySnapshot } from '../../core/stories/frequencies.ts';
import type { WeightedProfile } from '../../core/stories/similarity.ts';
import { packedCount, packedSketchCells } from '../../core/stories/frequency-sketch.ts';
import { readEpochs, summedFrequencies } from '../../core/stories/story-epoch.ts';
import type * as Stories from '../../core/stories/story-store.ts';
import { POSTINGS_PER_KEY } from './memory-story-store.ts';
import { decodeVector, encodeVector } from './vector-codec.ts';
import { COMMIT_STORY_LUA, COUNT_STORY_LUA, MOVE_STORIES_LUA, READ_COUNTERS_LUA } from './story-scripts.ts';

/** Decoded stored vectors kept per store by default (~17 KB of heap each; STORY_VECTOR_CACHE in the service). */
const VECTOR_CACHE = 6_000;

/**
 * Per-epoch keys of earlier versions of this store (JSON vectors under `docs`, docId postings, the
 * two-row sketch under `frequencies` with its `counted` set): nothing reads them, and they are
 * unlinked with their epoch, so an upgrade leaves none behind. The one-row sketch is under new
 * names because its offsets mean other counters: after an upgrade, frequencies start again from
 * the prior, as on a new deployment, and are whole again one window later.
 */
const RETIRED_EPOCH_KEYS = ['docs', 'postings', 'counted', 'frequencies'];

/** Arrival number -> docId entries kept per store (~100 bytes each; the index holds ~12k articles). */
const ID_CACHE = 50_000;

const shas = new Map<string, string>();
const scriptSha = (source: string) => {
  let sha = shas.get(source);
  if (sha === undefined) shas.set(source, (sha = createHash('sha1').update(source).digest('hex')));
  return sha;
};

const asArray = <T>(json: string): T[] => {
  const parsed = JSON.parse(json) as unknown;
  return Array.isArray(parsed) ? (parsed as T[]) : [];
};

type EpochKeys = ReturnType<RedisStoryStore['epochKeys']>;

/** The index's posting lists (little-endian uint32 arrival numbers) as one array, host order. */
function postingsOf(lists: readonly (Buffer | null)[]): Uint32Array {
  const present = lists.filter((list) => list !== null);
  const postings = new Uint32Array(present.reduce((sum, list) => sum + list.length / 4, 0));
  let at = 0;
  for (const list of present)
    for (let byte = 0; byte < list.length; byte += 4) postings[at++] = list.readUInt32LE(byte);
  return postings;
}

/** Frequencies from scripts' replies: per epoch read, its article count then its counters in cell order. */
function snapshotOf(keys: readonly string[], read: readonly (number | number[])[]): FrequencySnapshot {
  const parts: FrequencySnapshot[] = [];
  for (let at = 0; at < read.length; at += 2) {
    const [documents, counters] = [read[at] as number, read[at + 1] as number[]];
    const table = new Map(keys.map((key, i) => [key, packedCount(counters, i)]));
    parts.push({ documents, count: (key) => table.get(key) ?? 0 });
  }
  return summedFrequencies(parts);
}

export class RedisStoryStore implements Stories.StoryStore {
  readonly redis: Redis | Cluster;
  readonly keys: Record<
    'story' | 'members' | 'arrival' | 'grew' | 'forwards' | 'meta' | 'replays' | 'unitOf' | 'units',
    string
  >;
  readonly prefix: string;
  private readonly tag: string;
  /** Epochs this client has used, so `allKeys` can name their keys (tests and benches delete them). */
  private readonly epochsSeen = new Set<number>();

  /**
   * Keys are `<prefix>:{<prefix>}:<name>`: they start with the prefix (found by a prefix scan) and
   * carry it as a hash tag, so every key of one store shares a Redis Cluster slot.
   */
  readonly vectorCacheSize: number;

  constructor(redis: Redis | Cluster, prefix = 'newsflow:stories', options: { vectorCache?: number } = {}) {
    this.vectorCacheSize = options.vectorCache ?? VECTOR_CACHE;
    this.redis = redis;
    this.prefix = prefix;
    this.tag = `${prefix}:{${prefix}}`;
    const names = [
      ...['story', 'members', 'arrival', 'grew', 'forwards', 'meta'],
      ...['replays', 'unitOf', 'units'],
    ] as const;
    this.keys = Object.fromEntries(names.map((n) => [n, `${this.tag}:${n}`])) as RedisStoryStore['keys'];
  }

  /**
   * The keys of one epoch (story-epoch.ts): which articles it counted, its document frequencies,
   * its candidate index (arrival numbers per index key), its stored vectors and the docIds of its
   * arrival numbers. Same hash tag as the rest, so the same slot.
   */
  epochKeys(epoch: number): { counted: string; frequencies: string; index: string; vectors: string; ids: string } {
    this.epochsSeen.add(epoch);
    const key = (name: string) => this.epochKey(epoch, name);
    return {
      counted: key('sketched'),
      frequencies: key('sketch'),
      index: key('index'),
      vectors: key('vectors'),
      ids: key('ids'),
    };
  }

  private epochKey(epoch: number, name: string): string {
    return `${this.tag}:e${epoch}:${name}`;
  }

  /** What dropping an epoch unlinks: its keys, and those earlier versions named (RETIRED_EPOCH_KEYS). */
  private droppedKeys(epoch: number): string[] {
    return [...Object.values(this.epochKeys(epoch)), ...RETIRED_EPOCH_KEYS.map((n) => this.epochKey(epoch, n))];
  }

  get allKeys(): string[] {
    const epochs = [...this.epochsSeen].flatMap((e) => Object.values(this.epochKeys(e)));
    return [...Object.values(this.keys), ...epochs];
  }

  private scriptKeys(epoch: number): string[] {
    const [k, e] = [this.keys, this.epochKeys(epoch)];
    return [
      k.story,
      k.members,
      k.arrival,
      k.grew,
      k.forwards,
      k.meta,
      e.vectors,
      e.index,
      k.replays,
      k.unitOf,
      k.units,
      e.ids,
    ];
  }

  /**
   * Runs a script by its SHA1 (EVALSHA), sending its source only when the server does not know it
   * yet (NOSCRIPT: a restart, a failover, another node): the commit script is several KB, and
   * sending it with every article cost both sides more than running it.
   */
  private async script(source: string, numKeys: number, ...args: (string | number | Buffer)[]): Promise<unknown> {
    const sha = scriptSha(source);
    try {
      return await this.redis.evalsha(sha, numKeys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.redis.eval(source, numKeys, ...args);
    }
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

  async count(docId: string, keys: readonly string[], epoch = 0): Promise<Stories.Counted> {
    const [before, e] = readEpochs(epoch).map((n) => this.epochKeys(n)) as [EpochKeys, EpochKeys];
    const countKeys = [e.counted, e.frequencies, this.keys.meta, before.counted, before.frequencies];
    const cells = this.cellsOf(keys);
    const [live, drop, ...read] = (await this.script(COUNT_STORY_LUA, 5, ...countKeys, epoch, docId, cells)) as [
      number,
      number[],
      ...(number | number[])[],
    ];
    // Dropping an epoch is unlinking its four keys: O(1) here, Redis frees them in the background.
    if (drop.length > 0) await this.redis.unlink(...drop.flatMap((d) => this.droppedKeys(d)));
    if (live !== epoch) return this.count(docId, keys, live);
    return { epoch, frequencies: snapshotOf(keys, read) };
  }

  /**
   * The keys' sketch cells, packed; computed once per keys array (an article's count and its
   * frequency read pass the same one), so each key is hashed once, not once per call and epoch.
   */
  private readonly packedCells = new WeakMap<readonly string[], Buffer>();

  private cellsOf(keys: readonly string[]): Buffer {
    let cells = this.packedCells.get(keys);
    if (cells === undefined) this.packedCells.set(keys, (cells = packedSketchCells(keys)));
    return cells;
  }

  /** Both epochs' counters of the keys' cells in one script (READ_COUNTERS_LUA), summed per key. */
  async frequencies(keys: readonly string[], epoch = 0): Promise<FrequencySnapshot> {
    const epochs = readEpochs(epoch).map((e) => this.epochKeys(e));
    const keyNames = epochs.flatMap((e) => [e.counted, e.frequencies]);
    const cells = this.cellsOf(keys);
    const read = (await this.script(READ_COUNTERS_LUA, keyNames.length, ...keyNames, cells)) as (number | number[])[];
    return snapshotOf(keys, read);
  }

  async candidates(keys: readonly string[], limit: number, epoch = 0): Promise<Stories.StoredCandidate[]> {
    if (keys.length === 0) return [];
    const epochs = readEpochs(epoch);
    const lists = await Promise.all(epochs.map((e) => this.redis.hmgetBuffer(this.epochKeys(e).index, ...keys)));
    const names = await this.docIdsOf(rankByHits(postingsOf(lists.flat()), limit), epochs);
    const ranked = names.filter((name) => name !== undefined);
    if (ranked.length === 0) return [];
    const found = await this.vectors(ranked, epochs);
    // A vector is missing only when its epoch was dropped between the two reads.
    const docIds = ranked.filter((_, i) => found[i] !== undefined);
    const vectors = found.filter((v) => v !== undefined);
    if (docIds.length === 0) return [];
    const stories = await this.redis.hmget(this.keys.story, ...docIds);
    const sizes = await this.redis.hmget(this.keys.members, ...new Set(stories.map((s) => s!)));
    const sizeOf = new Map([...new Set(stories.map((s) => s!))].map((s, i) => [s, asArray(sizes[i] ?? '[]').length]));
    return docIds.map((_, i) => ({
      vector: vectors[i]!,
      storyId: stories[i]!,
      storySize: sizeOf.get(stories[i]!)!,
    }));
  }

  /** Arrival number -> docId, as the index names articles: never changes once committed. */
  private readonly idCache = new Map<number, string>();

  private rememberId(seq: number, docId: string): void {
    this.idCache.set(seq, docId);
    if (this.idCache.size > ID_CACHE) this.idCache.delete(this.idCache.keys().next().value!);
  }

  /**
   * The docIds of arrival numbers found in the index of these epochs (undefined when its epoch was
   * dropped meanwhile); the ones this client has not seen (another worker's) in one HMGET per epoch.
   */
  private async docIdsOf(seqs: readonly number[], epochs: readonly number[]): Promise<(string | undefined)[]> {
    const missing = seqs.filter((seq) => !this.idCache.has(seq));
    if (missing.length > 0) {
      const fields = missing.map((seq) => {
        const field = Buffer.allocUnsafe(4);
        field.writeUInt32LE(seq);
        return field;
      });
      const found = await Promise.all(epochs.map((e) => this.redis.hmget(this.epochKeys(e).ids, ...fields)));
      missing.forEach((seq, i) => {
        const docId = found.map((f) => f[i]).find((id) => typeof id === 'string');
        if (docId !== undefined) this.rememberId(seq, docId);
      });
    }
    return seqs.map((seq) => this.idCache.get(seq));
  }

  /**
   * Stored vectors never change once committed, so parsed ones are kept (the `vectorCacheSize`
   * used last, default VECTOR_CACHE), this client's own commits among them as it committed them:
   * the same recent articles are candidates for many arrivals, and decoding them was most of this
   * client's CPU per article beyond the memory store's.
   */
  private readonly vectorCache = new Map<string, { epoch: number; vector: WeightedProfile }>();

  /**
   * Vectors from the docs of the given epochs (undefined for an article in none of them); a cached
   * vector counts only if its epoch is among them, so a dropped epoch's vectors are gone here too.
   */
  private async vectors(
    docIds: readonly string[],
    epochs: readonly number[],
  ): Promise<(WeightedProfile | undefined)[]> {
    const cached = (id: string) => {
      const entry = this.vectorCache.get(id);
      if (entry === undefined || !epochs.includes(entry.epoch)) return undefined;
      // Used again: it moves to the newest end, so eviction takes the least recently used.
      this.vectorCache.delete(id);
      this.vectorCache.set(id, entry);
      return entry.vector;
    };
    const missing = [...new Set(docIds.filter((id) => cached(id) === undefined))];
    if (missing.length > 0) {
      const stored = await Promise.all(
        epochs.map((e) => this.redis.hmgetBuffer(this.epochKeys(e).vectors, ...missing)),
      );
      missing.forEach((id, i) => {
        const at = stored.findIndex((s) => s[i] !== null);
        if (at === -1) return;
        this.vectorCache.set(id, { epoch: epochs[at]!, vector: decodeVector(stored[at]![i]!) });
      });
    }
    // Read before evicting: an entry this call needs may be among the oldest.
    const vectors = docIds.map(cached);
    this.evictVectors();
    return vectors;
  }

  private evictVectors(): void {
    for (const id of this.vectorCache.keys()) {
      if (this.vectorCache.size <= this.vectorCacheSize) break;
      this.vectorCache.delete(id);
    }
  }

  async commit(request: Stories.StoryCommit): Promise<Stories.StoryCommitResult> {
    const [storyId, isNew, relabels, seq] = (await this.script(
      COMMIT_STORY_LUA,
      12,
      ...this.scriptKeys(request.epoch ?? 0),
      request.profile.docId,
      encodeVector(request.vector),
      request.storyId ?? '',
      JSON.stringify(request.absorb),
      JSON.stringify(request.indexKeys),
      POSTINGS_PER_KEY,
      request.cluster ?? '',
      JSON.stringify(request.clusterMergedFrom ?? []),
      request.epoch ?? 0,
    )) as [string, number, string, number];
    if (seq > 0) {
      this.rememberId(seq, request.profile.docId);
      // What was stored decodes to this vector (the codec keeps weights and order exactly).
      this.vectorCache.set(request.profile.docId, { epoch: request.epoch ?? 0, vector: request.vector });
      this.evictVectors();
    }
    return { storyId, isNewStory: isNew === 1, relabels: asArray<Stories.StoryRelabel>(relabels), seq };
  }

  async recentMembers(articles: number, maxMembers: number): Promise<Stories.RecentMember[]> {
    const [seqField, epochField] = await this.redis.hmget(this.keys.meta, 'seq', 'epoch');
    const seq = Number(seqField ?? 0);
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
      this.vectors(docIds, readEpochs(Number(epochField ?? 0))),
      this.redis.hmget(this.keys.arrival, ...docIds),
    ]);
    return picked
      .map((p, i) => ({ vector: vectors[i], storyId: p.storyId, seq: Number(arrival[i]) }))
      .filter((m): m is { vector: WeightedProfile; storyId: string; seq: number } => m.vector !== undefined)
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
    // The move script reads no epoch keys (7, 8 and 12); epoch 0's names fill their places.
    const out = (await this.script(MOVE_STORIES_LUA, 12, ...this.scriptKeys(0), ...args)) as string;
    return asArray<Stories.StoryRelabel>(out);
  }

  async commits(): Promise<number> {
    return Number((await this.redis.hget(this.keys.meta, 'seq')) ?? 0);
  }
}
