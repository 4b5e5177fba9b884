// Cost of the Redis cluster store as the index grows: Redis memory per document and time per
// document at 1k, 10k and 100k indexed documents.
//
//   REDIS_URL=redis://127.0.0.1:6379 node packages/cluster/bench/cluster-bench.ts \
//     [--sizes 1000,10000,100000] [--concurrency 16] [--window 250] [--json RESULTS.json]
//
// Documents are synthetic (bench/synthetic.ts), a quarter of them copies. They are assigned in
// windows of --window documents, --concurrency at a time (as that many dedupe workers would);
// Figures at size N are medians over the last 4 windows before N, per document: the marginal cost
// of a document when N are indexed. "wall ms" is window wall time / size; as wall time on a shared
// machine swings with other people's load, CPU is reported too: "client µs" is this process's CPU
// (fingerprinting, verification), "redis µs" the time Redis spent in the scripts (commandstats) and
// "redis cpu µs" the Redis process's CPU (INFO cpu: scripts plus reading and answering commands;
// server-wide, so give the bench a Redis of its own).
// The scaling criterion (100k within 1.5x of 1k) is best read on client + redis CPU. Text generation is not timed. Memory is
// INFO used_memory growth since the start, divided by the documents indexed. Keys live under a
// throwaway prefix and are deleted at the end.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createClusterStore, deleteKeys } from '../src/store/redis-store.ts';
import type { ClusterStore } from '../src/types.ts';
import { memoryBreakdown } from './memory-breakdown.ts';
import { SyntheticNews } from './synthetic.ts';
import type { SyntheticDoc } from './synthetic.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    concurrency: { type: 'string', default: '16' },
    window: { type: 'string', default: '250' },
    json: { type: 'string' },
  },
});
const sizes = values.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const concurrency = Number(values.concurrency);
const windowSize = Number(values.window);
const url = process.env.REDIS_URL;
if (url === undefined) throw new Error('set REDIS_URL to the Redis to benchmark against');

/** Microseconds Redis has spent running scripts (EVAL and EVALSHA) since its stats were reset. */
async function scriptMicros(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  return [...stats.matchAll(/cmdstat_eval(?:sha)?:calls=\d+,usec=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/** Microseconds of CPU the Redis process has used (server-wide: run the bench on a Redis of its own). */
async function redisProcessMicros(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1e6;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

interface Tally {
  copies: number;
  copiesJoined: number;
  freshJoined: number;
}

/** Assigns a window; tallies copies that joined a cluster and fresh articles that (wrongly) did. */
async function assignAll(store: ClusterStore, docs: SyntheticDoc[], tally: Tally): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < docs.length) {
      const doc = docs[next++]!;
      const { isNewCluster } = await store.assign(doc);
      if (doc.copyOf !== undefined) tally.copies++;
      if (doc.copyOf !== undefined && !isNewCluster) tally.copiesJoined++;
      if (doc.copyOf === undefined && !isNewCluster) tally.freshJoined++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function warmUp(redis: Redis): Promise<void> {
  const news = new SyntheticNews(99);
  const prefix = `newsflow:cluster-bench-warmup:${process.pid}`;
  await assignAll(
    createClusterStore(redis, { prefix }),
    Array.from({ length: 500 }, () => news.doc()),
    { copies: 0, copiesJoined: 0, freshJoined: 0 },
  );
  await deleteKeys(redis, prefix);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const redis = new Redis(url);
const prefix = `newsflow:cluster-bench:${process.pid}`;
const news = new SyntheticNews();
const rows: string[] = [];
const results: Record<string, number>[] = [];
try {
  await warmUp(redis);
  const store = createClusterStore(redis, { prefix });
  const baseline = await usedMemory(redis);
  const started = performance.now();
  let indexed = 0;
  const tally: Tally = { copies: 0, copiesJoined: 0, freshJoined: 0 };
  const sampleIds: string[] = [];
  let breakdown: Record<string, number> = {};
  console.log(`cluster bench: Redis ${url}, concurrency ${concurrency}, window ${windowSize}`);
  for (const size of sizes) {
    const windows: number[] = [];
    const clientCpu: number[] = [];
    const redisCpu: number[] = [];
    const processCpu: number[] = [];
    while (indexed < size) {
      const batch = Array.from({ length: Math.min(windowSize, size - indexed) }, () => news.doc());
      const t0 = performance.now();
      const [cpu0, script0, process0] = [
        process.cpuUsage(),
        await scriptMicros(redis),
        await redisProcessMicros(redis),
      ];
      await assignAll(store, batch, tally);
      const cpu = process.cpuUsage(cpu0);
      clientCpu.push((cpu.user + cpu.system) / batch.length);
      redisCpu.push(((await scriptMicros(redis)) - script0) / batch.length);
      processCpu.push(((await redisProcessMicros(redis)) - process0) / batch.length);
      sampleIds.push(batch[0]!.docId);
      windows.push((performance.now() - t0) / batch.length);
      indexed += batch.length;
    }
    const windowMs = median(windows.slice(-4));
    const [clientUs, redisUs] = [median(clientCpu.slice(-4)), median(redisCpu.slice(-4))];
    const redisProcessUs = median(processCpu.slice(-4));
    const perDoc = ((await usedMemory(redis)) - baseline) / indexed;
    const clusters = indexed - tally.copiesJoined - tally.freshJoined;
    breakdown = await memoryBreakdown(redis, prefix, indexed, clusters, sampleIds);
    results.push({
      docs: indexed,
      wallMsPerDoc: windowMs,
      clientCpuUsPerDoc: clientUs,
      redisScriptUsPerDoc: redisUs,
      redisProcessCpuUsPerDoc: redisProcessUs,
      redisBytesPerDoc: perDoc,
      ...tally,
    });
    rows.push(
      `${String(indexed).padStart(7)}  ${windowMs.toFixed(3).padStart(7)}  ${clientUs.toFixed(0).padStart(9)}  ${redisUs.toFixed(0).padStart(8)}  ${redisProcessUs.toFixed(0).padStart(11)}  ${perDoc.toFixed(0).padStart(10)}  ${tally.copiesJoined}/${tally.copies} copies joined, ${tally.freshJoined} fresh joined`,
    );
    console.log(`  ${indexed} documents indexed after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log('\n   docs  wall ms  client µs  redis µs  redis cpu µs  bytes/doc  detection');
  for (const row of rows) console.log(row);
  const parts = Object.entries(breakdown).map(([name, bytes]) => `${name} ${bytes.toFixed(0)}`);
  console.log(`\nbytes/doc by key family at ${indexed} (sampled MEMORY USAGE): ${parts.join(', ')}`);
  const [first, last] = [results[0]!, results[results.length - 1]!];
  const cpuRatio =
    (last.clientCpuUsPerDoc! + last.redisScriptUsPerDoc!) / (first.clientCpuUsPerDoc! + first.redisScriptUsPerDoc!);
  const wallRatio = last.wallMsPerDoc! / first.wallMsPerDoc!;
  console.log(
    `\n${last.docs} vs ${first.docs}: CPU per doc x${cpuRatio.toFixed(2)}, wall per doc x${wallRatio.toFixed(2)} (target <= 1.5)`,
  );
  if (values.json !== undefined)
    writeFileSync(
      values.json,
      JSON.stringify({ concurrency, windowSize, results, breakdown, cpuRatio, wallRatio }, null, 2),
    );
} finally {
  await deleteKeys(redis, prefix);
  redis.disconnect();
}
