// Cost of the streaming story assigner as the corpus grows: time per article at each size, with
// the periodic repair pass amortised in (each timed window holds whole repair periods).
//
//   node packages/cluster/bench/story-bench.ts [--sizes 10000,100000] [--store memory|redis]
//
// Articles are synthetic (bench/synthetic.ts: real word statistics, a quarter copies). In the
// same run, the in-memory copy store (fingerprint + LSH + verify) assigns the same articles, as a
// baseline on the same machine at the same moment; the cleaner's ~8 ms/page is `npm run bench --
// extract`. With --store redis (REDIS_URL), the story state lives in Redis under a throwaway prefix.
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { assignStory, DEFAULT_STORY_OPTIONS } from '../src/core/stories/assign-story.ts';
import type { StoryStore } from '../src/core/stories/story-store.ts';
import { createMemoryClusterStore } from '../src/store/memory-store.ts';
import { MemoryStoryStore } from '../src/store/stories/memory-story-store.ts';
import { RedisStoryStore } from '../src/store/stories/redis-story-store.ts';
import { SyntheticNews } from './synthetic.ts';
import type { SyntheticDoc } from './synthetic.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    store: { type: 'string', default: 'memory' },
  },
});
const sizes = values.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const WINDOW = DEFAULT_STORY_OPTIONS.repairEvery * 2;
const WINDOWS_TIMED = 3;

async function timeWindow(
  docs: readonly SyntheticDoc[],
  assign: (doc: SyntheticDoc) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  for (const doc of docs) await assign(doc);
  return (performance.now() - started) / docs.length;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(stories: StoryStore): Promise<void> {
  const copies = createMemoryClusterStore();
  const news = new SyntheticNews();
  const assignStoryOf = (d: SyntheticDoc) =>
    assignStory(stories, { docId: d.docId, title: d.title, body: d.body }, DEFAULT_STORY_OPTIONS);
  const assignCopyOf = (d: SyntheticDoc) => copies.assign({ docId: d.docId, title: d.title, body: d.body });
  console.log(
    `story bench (${values.store} store), windows of ${WINDOW} articles, repair every ${DEFAULT_STORY_OPTIONS.repairEvery}`,
  );
  console.log('| articles | story ms/article | copy ms/article (baseline) | story / copy |');
  console.log('|---|---|---|---|');
  let assigned = 0;
  for (const size of sizes) {
    const story: number[] = [];
    const copy: number[] = [];
    while (assigned < size) {
      const docs = Array.from({ length: WINDOW }, () => news.doc());
      const timed = assigned + WINDOW > size - WINDOW * WINDOWS_TIMED;
      const s = await timeWindow(docs, assignStoryOf);
      const c = await timeWindow(docs, assignCopyOf);
      if (timed) {
        story.push(s);
        copy.push(c);
      }
      assigned += WINDOW;
    }
    const [s, c] = [median(story), median(copy)];
    console.log(`| ${size} | ${s.toFixed(3)} | ${c.toFixed(3)} | ${(s / c).toFixed(2)} |`);
  }
}

if (values.store === 'redis') {
  const url = process.env.REDIS_URL;
  if (url === undefined) throw new Error('set REDIS_URL for --store redis');
  const redis = new Redis(url);
  const store = new RedisStoryStore(redis, `newsflow:story-bench:${process.pid}:${Date.now()}`);
  try {
    await run(store);
  } finally {
    await redis.del(...store.allKeys);
    redis.disconnect();
  }
} else await run(new MemoryStoryStore());
