// Cost of the streaming story assigner as the corpus grows: time per article at each size, with
// the periodic repair pass amortised in (each timed window holds whole repair periods).
//
//   node packages/cluster/bench/story-bench.ts [--sizes 10000,100000] [--store memory|redis]
//
// Articles are synthetic (bench/synthetic.ts: real word statistics, a quarter copies). In the
// same run, the in-memory copy store (fingerprint + LSH + verify) assigns the same articles, as a
// baseline on the same machine at the same moment; the cleaner's time per page is `npm run bench --
// extract`. CPU is this thread's (with --store redis that leaves out Redis's own time; wall has it).
// With --store redis (REDIS_URL), the story state lives in Redis under a throwaway prefix.
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

/** Main-thread CPU milliseconds: robust to other load on the machine, unlike wall time. */
function cpuMs(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall and CPU milliseconds per article over one window. */
async function timeWindow(
  docs: readonly SyntheticDoc[],
  assign: (doc: SyntheticDoc) => Promise<unknown>,
): Promise<{ wall: number; cpu: number }> {
  const [wall, cpu] = [performance.now(), cpuMs()];
  for (const doc of docs) await assign(doc);
  return { wall: (performance.now() - wall) / docs.length, cpu: (cpuMs() - cpu) / docs.length };
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
  console.log(
    '| articles | story wall ms/article | story CPU ms/article | copy wall ms/article | copy CPU ms/article | story / copy (CPU) |',
  );
  console.log('|---|---|---|---|---|---|');
  let assigned = 0;
  for (const size of sizes) {
    const story: { wall: number; cpu: number }[] = [];
    const copy: { wall: number; cpu: number }[] = [];
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
    const [sw, sc] = [median(story.map((t) => t.wall)), median(story.map((t) => t.cpu))];
    const [cw, cc] = [median(copy.map((t) => t.wall)), median(copy.map((t) => t.cpu))];
    const cells = [sw, sc, cw, cc].map((x) => x.toFixed(3));
    console.log(`| ${size} | ${cells.join(' | ')} | ${(sc / cc).toFixed(2)} |`);
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
