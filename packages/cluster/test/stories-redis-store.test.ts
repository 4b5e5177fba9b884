import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { assignStory, DEFAULT_STORY_OPTIONS } from '../src/core/stories/assign-story.ts';
import { ecbplusDevFile } from '../eval/stories/dataset-path.ts';
import { readJsonl } from '../eval/labelled.ts';
import { MemoryStoryStore } from '../src/store/stories/memory-story-store.ts';
import { RedisStoryStore } from '../src/store/stories/redis-story-store.ts';
import { REDIS_URL, uniquePrefix } from './helpers.ts';
import { storyStoreContract } from './stories-store-contract.ts';

const redis = new Redis(REDIS_URL);
const stores: RedisStoryStore[] = [];

function makeStore(vectorCache?: number): RedisStoryStore {
  const store = new RedisStoryStore(redis, uniquePrefix('stories'), vectorCache === undefined ? {} : { vectorCache });
  stores.push(store);
  return store;
}

after(async () => {
  for (const store of stores) await redis.del(...store.allKeys);
  redis.disconnect();
});

void describe('Redis story store', () => {
  storyStoreContract(makeStore);

  void it('keeps every key in the hash slot of its prefix (the first {...} of each key name)', () => {
    const store = makeStore();
    for (const key of store.allKeys) assert.equal(key.match(/\{([^}]*)\}/)?.[1], store.prefix, key);
  });

  void it('assigns a stream of real articles exactly as the in-memory store does (also with a tiny vector cache)', async () => {
    const docs = readJsonl(ecbplusDevFile()).slice(0, 80);
    const options = { ...DEFAULT_STORY_OPTIONS, repairEvery: 25 };
    const [memory, shared, tiny] = [new MemoryStoryStore(), makeStore(), makeStore(3)];
    for (const d of docs) {
      const article = { docId: d.id, title: d.title, body: d.body };
      const expected = await assignStory(memory, article, options);
      assert.deepEqual(await assignStory(shared, article, options), expected, d.id);
      assert.deepEqual(await assignStory(tiny, article, options), expected, `${d.id}, vector cache of 3`);
    }
    for (const d of docs) assert.equal(await shared.storyOf(d.id), await memory.storyOf(d.id));
  });

  void it("assigns as the in-memory store does when two clients share the store (each reads the ids of the other's arrivals)", async () => {
    const docs = readJsonl(ecbplusDevFile()).slice(0, 60);
    const options = { ...DEFAULT_STORY_OPTIONS, repairEvery: 20 };
    const memory = new MemoryStoryStore();
    const first = makeStore();
    const second = new RedisStoryStore(redis, first.prefix);
    for (const [i, d] of docs.entries()) {
      const article = { docId: d.id, title: d.title, body: d.body };
      const expected = await assignStory(memory, article, options);
      assert.deepEqual(await assignStory(i % 2 === 0 ? first : second, article, options), expected, d.id);
    }
  });
});
