// Cost of the streaming story assigner as the corpus grows: time per article at each size, with
// the periodic repair pass amortised in (each timed window holds whole repair periods).
//
//   node packages/cluster/bench/story-bench.ts [--sizes 10000,100000] [--store memory|redis]
//     [--per-day 2000]
//
// Articles are synthetic (bench/synthetic.ts: real word statistics, a quarter copies) and arrive in
// time order, `--per-day` a day (synthetic publication times), so any size past one story window
// (STORY_WINDOW_DAYS' default, 3 days: 6,000 articles at 2,000 a day) exercises the window's
// retention. In the same run, the in-memory copy store (fingerprint + LSH + verify, its retention
// set to the story window and its clock to the synthetic publication times, so both stores keep
// the same span) assigns the same articles, and before each row the cleaner's benchmark
// (packages/extract/bench/extract-bench.ts, a child process, `--cleaner-rounds` rounds over its
// 181 pages; 0 leaves it out) gives the cleaner's CPU per page at that moment: "story / cleaner"
// is the figure, both measured on the same machine minutes apart. CPU is this thread's (with --store redis that leaves out Redis's
// own time; wall has it). "index lookup" is the part of the story CPU spent in the store's
// candidate lookups (the candidate index's cost per article). With --store redis (REDIS_URL), the
// story state lives in Redis under a throwaway prefix, and the table adds Redis commands per
// article (INFO commandstats), the server's CPU per article (INFO cpu: the story store's scripts
// run there, so story CPU + Redis CPU is the story step's whole cost) — both of the whole server:
// run it on a private one — and Redis used_memory. Heap is after
// a GC when run with --expose-gc.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
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
    'per-day': { type: 'string', default: '2000' },
    'cleaner-rounds': { type: 'string', default: '2' },
  },
});
const sizes = values.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const WINDOW = DEFAULT_STORY_OPTIONS.repairEvery * 2;
const WINDOWS_TIMED = 3;
const START = Date.parse('2026-01-01T00:00:00Z');
const GAP_MILLIS = 86_400_000 / Number(values['per-day']);

/** Main-thread CPU milliseconds: robust to other load on the machine, unlike wall time. */
function cpuMs(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall and CPU milliseconds per article over one window. */
async function timeWindow<Doc>(
  docs: readonly Doc[],
  assign: (doc: Doc) => Promise<unknown>,
): Promise<{ wall: number; cpu: number }> {
  const [wall, cpu] = [performance.now(), cpuMs()];
  for (const doc of docs) await assign(doc);
  return { wall: (performance.now() - wall) / docs.length, cpu: (cpuMs() - cpu) / docs.length };
}

const EXTRACT_BENCH = resolve(import.meta.dirname, '../../extract/bench/extract-bench.ts');

/** The cleaner's CPU ms per page now (its own benchmark, in a child process), or null when left out. */
function cleanerMs(): number | null {
  const rounds = Number(values['cleaner-rounds']);
  if (!(rounds > 0)) return null;
  const run = spawnSync(process.execPath, [EXTRACT_BENCH, '--rounds', String(rounds)], { encoding: 'utf8' });
  const perSecond = /([\d.]+) pages\/s CPU/.exec(run.stdout)?.[1];
  if (run.status !== 0 || perSecond === undefined) throw new Error(`cleaner bench failed: ${run.stderr}`);
  return 1000 / Number(perSecond);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** What a Redis-backed run adds: server commands so far and used memory. */
interface RedisGauge {
  commands(): Promise<number>;
  usedMemory(): Promise<number>;
  /** The server's CPU milliseconds so far (used_cpu_sys + used_cpu_user: the whole server). */
  cpu(): Promise<number>;
}

/**
 * Redis bytes per article by key of the store (MEMORY USAGE with every element sampled) and the
 * key's element count, so a family's cost per entry can be read off too.
 */
async function printKeyBreakdown(redis: Redis, store: RedisStoryStore, articles: number): Promise<void> {
  const sizeOf = { hash: 'hlen', set: 'scard', zset: 'zcard', string: 'strlen' } as const;
  const parts: string[] = [];
  let total = 0;
  for (const key of store.allKeys) {
    const type = (await redis.type(key)) as keyof typeof sizeOf | 'none';
    if (type === 'none') continue;
    const bytes = Number(await redis.memory('USAGE', key, 'SAMPLES', 0));
    const entries = Number(await redis.call(sizeOf[type], key));
    total += bytes;
    parts.push(`${key.slice(store.prefix.length * 2 + 4)} ${(bytes / articles).toFixed(0)} B (${entries})`);
  }
  console.log(
    `  Redis bytes/article by key at ${articles}: ${(total / articles).toFixed(0)} in all; ${parts.join('; ')}`,
  );
}

function redisGauge(redis: Redis): RedisGauge {
  const field = async (section: string, pattern: RegExp) =>
    [...(await redis.info(section)).matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
  return {
    commands: () => field('commandstats', /^cmdstat_[^:]+:calls=(\d+)/gm),
    usedMemory: () => field('memory', /^used_memory:(\d+)/gm),
    cpu: async () => 1000 * (await field('cpu', /^used_cpu_(?:sys|user):([\d.]+)/gm)),
  };
}

/** Counts this thread's CPU spent in the store's candidate lookups (the index's share of the cost). */
function meterCandidates(store: StoryStore): { spent: number } {
  const meter = { spent: 0 };
  const lookup = store.candidates.bind(store);
  store.candidates = async (...args) => {
    const start = cpuMs();
    const found = await lookup(...args);
    meter.spent += cpuMs() - start;
    return found;
  };
  return meter;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

interface Row {
  story: { wall: number; cpu: number }[];
  copy: { wall: number; cpu: number }[];
  commands: number;
  /** Redis server CPU ms per article over the timed windows (story store only). */
  serverCpu: number;
  /** CPU ms per article in candidate lookups, over the timed windows. */
  index: number;
}

function printRow(size: number, row: Row, redisMb: number | null): void {
  const [sw, sc] = [median(row.story.map((t) => t.wall)), median(row.story.map((t) => t.cpu))];
  const [cw, cc] = [median(row.copy.map((t) => t.wall)), median(row.copy.map((t) => t.cpu))];
  const cells = [sw, sc, row.index, cw, cc].map((x) => x.toFixed(3));
  const redis =
    redisMb === null
      ? '– | – | – | –'
      : `${row.serverCpu.toFixed(3)} | ${(sc + row.serverCpu).toFixed(3)} | ${row.commands.toFixed(0)} | ${redisMb.toFixed(1)}`;
  const heap = heapMb().toFixed(0);
  const cleaner = cleanerMs();
  const vsCleaner = cleaner === null ? '– | –' : `${cleaner.toFixed(3)} | ${(sc / cleaner).toFixed(2)}`;
  const load = loadavg()[0]!.toFixed(1);
  console.log(
    `| ${size} | ${cells.join(' | ')} | ${(sc / cc).toFixed(2)} | ${vsCleaner} | ${heap} | ${redis} | ${load} |`,
  );
}

async function run(
  stories: StoryStore,
  gauge: RedisGauge | null,
  breakdown: (articles: number) => Promise<void> = async () => {},
): Promise<void> {
  let clock = START;
  const retentionSeconds = (DEFAULT_STORY_OPTIONS.windowDays * 86_400_000) / 1000;
  const copies = createMemoryClusterStore({ retentionSeconds }, () => clock);
  const news = new SyntheticNews();
  let assigned = 0;
  const publishedAt = (i: number) => new Date(START + (assigned + i) * GAP_MILLIS).toISOString();
  const assignStoryOf = (d: SyntheticDoc & { publishedAt: string }) =>
    assignStory(
      stories,
      { docId: d.docId, title: d.title, body: d.body, publishedAt: d.publishedAt },
      DEFAULT_STORY_OPTIONS,
    );
  const assignCopyOf = (d: SyntheticDoc & { publishedAt: string }) => {
    clock = Date.parse(d.publishedAt);
    return copies.assign({ docId: d.docId, title: d.title, body: d.body });
  };
  const baseMemory = (await gauge?.usedMemory()) ?? 0;
  const meter = meterCandidates(stories);
  console.log(
    `story bench (${values.store} store), windows of ${WINDOW} articles, repair every ${DEFAULT_STORY_OPTIONS.repairEvery}, ${values['per-day']} articles a day, story window ${DEFAULT_STORY_OPTIONS.windowDays} days`,
  );
  console.log(
    '| articles | story wall ms/article | story CPU ms/article | index lookup CPU ms/article | copy wall ms/article | copy CPU ms/article | story / copy (CPU) | cleaner CPU ms/page | story / cleaner (CPU) | heap MB | Redis server CPU ms/article | story CPU + Redis CPU ms/article | Redis commands/article | Redis MB | load (1 min) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const size of sizes) {
    const row: Row = { story: [], copy: [], commands: 0, serverCpu: 0, index: 0 };
    while (assigned < size) {
      const docs = Array.from({ length: WINDOW }, (_, i) => ({ ...news.doc(), publishedAt: publishedAt(i) }));
      const timed = assigned + WINDOW > size - WINDOW * WINDOWS_TIMED;
      const before = timed ? ((await gauge?.commands()) ?? 0) : 0;
      const cpuBefore = timed ? ((await gauge?.cpu()) ?? 0) : 0;
      const indexBefore = meter.spent;
      const s = await timeWindow(docs, assignStoryOf);
      if (timed) row.index += (meter.spent - indexBefore) / WINDOW / WINDOWS_TIMED;
      // Commands by the story store alone: the copy store runs in memory.
      if (timed) row.serverCpu += (((await gauge?.cpu()) ?? 0) - cpuBefore) / WINDOW / WINDOWS_TIMED;
      if (timed) row.commands += (((await gauge?.commands()) ?? 0) - before - 3) / WINDOW / WINDOWS_TIMED;
      const c = await timeWindow(docs, assignCopyOf);
      if (timed) {
        row.story.push(s);
        row.copy.push(c);
      }
      assigned += WINDOW;
    }
    const redisMb = gauge === null ? null : ((await gauge.usedMemory()) - baseMemory) / 1e6;
    printRow(size, row, redisMb);
    await breakdown(size);
  }
}

if (values.store === 'redis') {
  const url = process.env.REDIS_URL;
  if (url === undefined) throw new Error('set REDIS_URL for --store redis');
  const redis = new Redis(url);
  const store = new RedisStoryStore(redis, `newsflow:story-bench:${process.pid}:${Date.now()}`);
  try {
    await run(store, redisGauge(redis), (articles) => printKeyBreakdown(redis, store, articles));
  } finally {
    await redis.del(...store.allKeys);
    redis.disconnect();
  }
} else await run(new MemoryStoryStore(), null);
