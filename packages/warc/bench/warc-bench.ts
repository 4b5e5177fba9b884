// WARC ingest speed beside plain fetch + clean of the same pages, in one process on real Redis:
//   0. reading alone (warcio, bodies decoded);
//   1. WARC.gz → clean queue (reading, filtering, raw pages written, jobs added): records/s, MB/s;
//   2. WARC.gz → clean stage → dedupe queue: pages/s;
//   3. fetch stage (local HTTP server, no host delay) → clean stage → dedupe queue: pages/s.
// Usage: REDIS_URL=redis://127.0.0.1:6379 node packages/warc/bench/warc-bench.ts [pages] [pageKiB]
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, resolveConfig } from '@newsflow/config';
import { identityOf } from '@newsflow/contracts';
import { createFetcherDeps, createFetchStage } from '@newsflow/fetcher';
import { createQueues, createRedisClient, runStage } from '@newsflow/runtime';
import type { StageQueues } from '@newsflow/runtime';
import { clearPrefix } from '@newsflow/testkit';
import { createCleanStage } from '../../../services/cleaner/src/handle-clean.ts';
import { articleHtml, startBenchSite } from '../../../services/fetcher/bench/bench-site.ts';
import { ingestWarc, readWarc } from '../src/index.ts';
import { makeWarc } from '../test/support/index.ts';

const PAGES = Number(process.argv[2] ?? 400);
const PAGE_KB = Number(process.argv[3] ?? 30);
const log = createLogger('bench', 'silent');

async function withPipeline<T>(
  run: (queues: StageQueues, prefix: string, config: ReturnType<typeof configFor>) => Promise<T>,
): Promise<T> {
  const prefix = `bench-warc-${randomUUID()}`;
  const config = configFor(prefix);
  const redis = createRedisClient(config, 'bench');
  const queues = createQueues(redis, prefix);
  try {
    return await run(queues, prefix, config);
  } finally {
    for (const queue of Object.values(queues)) await queue.obliterate({ force: true }).catch(() => undefined);
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    await clearPrefix(redis, prefix);
    redis.disconnect();
  }
}

function configFor(prefix: string) {
  return resolveConfig({
    REDIS_URL: process.env.REDIS_URL,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    FETCH_ALLOW_PRIVATE: '127.0.0.1/32',
    FETCH_HOST_DELAY_MS: '0',
    FETCH_HOST_CONCURRENCY: '64',
  });
}

async function untilCount(queue: StageQueues['dedupe'] | StageQueues['clean'], count: number): Promise<void> {
  while ((await queue.count()) < count) await sleep(20);
}

const ingestOptions = (redis: ReturnType<typeof createRedisClient>, queues: StageQueues, prefix: string) => ({
  redis,
  cleanQueue: queues.clean,
  prefix,
  maxBodyBytes: 5 << 20,
  maxPending: PAGES + 1,
});

/** Seconds warcio takes to read the archive, with nothing else done. */
async function timeRead(archive: Uint8Array): Promise<number> {
  const started = performance.now();
  for await (const entry of readWarc([archive], { maxBodyBytes: 5 << 20, select: () => true })) void entry;
  return (performance.now() - started) / 1000;
}

/** Seconds to move the archive's pages into the clean queue, with no cleaner running. */
function timeIngest(archive: Uint8Array): Promise<number> {
  return withPipeline(async (queues, prefix, config) => {
    const redis = createRedisClient(config, 'bench-ingest');
    const started = performance.now();
    await ingestWarc([archive], {}, ingestOptions(redis, queues, prefix));
    const seconds = (performance.now() - started) / 1000;
    redis.disconnect();
    return seconds;
  });
}

/** Seconds for fetch + clean of the same pages from the local site. */
function timeFetchClean(urls: string[]): Promise<number> {
  return withPipeline((queues, prefix, config) =>
    timeClean(queues, prefix, config, async (redis) => {
      const deps = createFetcherDeps(config, redis);
      const fetcher = runStage(createFetchStage(deps), { config, concurrency: 16, log });
      const jobs = urls.map((input) => {
        const { url, docId } = identityOf(input);
        return {
          name: 'fetch',
          data: { url, docId, submittedAt: new Date().toISOString(), source: { kind: 'cli' as const } },
          opts: { jobId: `fetch-${docId}` },
        };
      });
      await queues.fetch.addBulk(jobs);
      return async () => {
        await fetcher.close();
        await deps.close();
      };
    }),
  );
}

async function main(): Promise<void> {
  const site = await startBenchSite(PAGE_KB);
  const urls = Array.from({ length: PAGES }, (_, i) => `${site.base}/article/${i}`);
  const records = urls.map((url, i) => ({ url, date: '2024-01-01T00:00:00Z', body: articleHtml(i, PAGE_KB) }));
  const archive = await makeWarc(records, true);
  const htmlBytes = records.reduce((sum, record) => sum + Buffer.byteLength(record.body), 0);
  const readOnly = await timeRead(archive);
  const ingestOnly = await timeIngest(archive);
  const warcClean = await withPipeline((queues, prefix, config) =>
    timeClean(queues, prefix, config, async (redis) => {
      await ingestWarc([archive], {}, ingestOptions(redis, queues, prefix));
    }),
  );
  const fetchClean = await timeFetchClean(urls);
  site.server.close();
  const mb = archive.byteLength / 1e6;
  console.log(
    `${PAGES} pages of ${PAGE_KB} KiB; WARC.gz ${mb.toFixed(1)} MB (${(htmlBytes / 1e6).toFixed(1)} MB of HTML)`,
  );
  console.log(
    `WARC read alone (warcio): ${(PAGES / readOnly).toFixed(0)} records/s, ${(mb / readOnly).toFixed(1)} MB/s gz`,
  );
  console.log(
    `WARC ingest to the clean queue: ${(PAGES / ingestOnly).toFixed(0)} records/s, ${(mb / ingestOnly).toFixed(1)} MB/s gz (${(htmlBytes / 1e6 / ingestOnly).toFixed(1)} MB/s HTML)`,
  );
  console.log(`WARC + clean:  ${(PAGES / warcClean).toFixed(0)} pages/s`);
  console.log(`fetch + clean: ${(PAGES / fetchClean).toFixed(0)} pages/s`);
  console.log(`WARC + clean / fetch + clean: ${(fetchClean / warcClean).toFixed(2)}x`);
}

/** Seconds from submission until every page reached the dedupe queue, with a clean stage running. */
async function timeClean(
  queues: StageQueues,
  prefix: string,
  config: ReturnType<typeof configFor>,
  submit: (redis: ReturnType<typeof createRedisClient>) => Promise<void | (() => Promise<void>)>,
): Promise<number> {
  const redis = createRedisClient(config, 'bench-clean');
  const cleaner = runStage(createCleanStage(redis, queues.dedupe), { config, concurrency: 4, log });
  const started = performance.now();
  const stop = await submit(redis);
  await untilCount(queues.dedupe, PAGES);
  const seconds = (performance.now() - started) / 1000;
  await cleaner.close();
  if (stop) await stop();
  redis.disconnect();
  return seconds;
}

await main();
