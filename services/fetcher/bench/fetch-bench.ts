// Fetch benchmark: pages/s from a local server with 1 and 2 real fetcher processes, and Redis
// memory per 1,000 pages in flight (raw pages stored, clean jobs queued, cleaner not running).
// Usage: REDIS_URL=redis://127.0.0.1:6379 node services/fetcher/bench/fetch-bench.ts [pages] [pageKiB]
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { identityOf } from '@newsflow/contracts';
import { queuePrefix } from '@newsflow/runtime';
import { startBenchSite } from './bench-site.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PAGES = Number(process.argv[2] ?? 1000);
const PAGE_KB = Number(process.argv[3] ?? 30);
const MAIN = join(import.meta.dirname, '../src/main.ts');

interface RunResult {
  processes: number;
  seconds: number;
  pagesPerSecond: number;
  redisBytes: number;
  rawBytes: number;
}

async function run(redis: Redis, base: string, processes: number): Promise<RunResult> {
  const prefix = `bench-${randomUUID()}`;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const fetchQueue = new Queue('fetch', { connection, prefix: queuePrefix(prefix, 'fetch') });
  const cleanQueue = new Queue('clean', { connection, prefix: queuePrefix(prefix, 'clean') });
  const env = {
    ...process.env,
    REDIS_URL,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    FETCH_ALLOW_PRIVATE: '127.0.0.1/32',
    FETCH_HOST_DELAY_MS: '0',
    FETCH_HOST_CONCURRENCY: '64',
    FETCH_CONCURRENCY: '16',
    LOG_LEVEL: 'warn',
  };
  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  try {
    while ((await fetchQueue.getWorkersCount()) < processes) await sleep(100);
    const before = await usedMemory(redis);
    const jobs = Array.from({ length: PAGES }, (_, i) => {
      const { url, docId } = identityOf(`${base}/article/${i}`);
      return {
        name: 'fetch',
        data: { url, docId, submittedAt: new Date().toISOString(), source: { kind: 'cli' as const } },
        opts: { jobId: `fetch-${docId}` },
      };
    });
    const started = performance.now();
    for (let i = 0; i < jobs.length; i += 500) await fetchQueue.addBulk(jobs.slice(i, i + 500));
    while ((await cleanQueue.count()) < PAGES) await sleep(50);
    const seconds = (performance.now() - started) / 1000;
    const redisBytes = (await usedMemory(redis)) - before;
    const rawBytes = await rawMemory(redis, prefix);
    return { processes, seconds, pagesPerSecond: PAGES / seconds, redisBytes, rawBytes };
  } finally {
    await stop(children);
    await fetchQueue.obliterate({ force: true }).catch(() => undefined);
    await cleanQueue.obliterate({ force: true }).catch(() => undefined);
    await fetchQueue.close();
    await cleanQueue.close();
    await deleteKeys(redis, `${prefix}:*`);
    connection.disconnect();
  }
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function rawMemory(redis: Redis, prefix: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:raw:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) total += Number(await redis.memory('USAGE', key)) || 0;
  } while (cursor !== '0');
  return total;
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

async function stop(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }),
  );
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);

const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const site = await startBenchSite(PAGE_KB);
try {
  console.log(`fetch bench: ${PAGES} pages of ~${PAGE_KB} KiB from ${site.base}, host delay 0, 16 jobs per process`);
  for (const processes of [1, 2]) {
    const result = await run(redis, site.base, processes);
    const per1000 = 1000 / PAGES;
    console.log(
      `fetch ${processes} process${processes > 1 ? 'es' : ''}: ${result.pagesPerSecond.toFixed(0)} pages/s (${PAGES} in ${result.seconds.toFixed(2)} s); ` +
        `Redis ${mib(result.redisBytes * per1000)} MiB per 1,000 pages in flight (raw pages ${mib(result.rawBytes * per1000)} MiB)`,
    );
  }
} finally {
  redis.disconnect();
  site.server.closeAllConnections();
  site.server.close();
}
