import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { identityOf } from '@newsflow/contracts';
import { queuePrefix } from '@newsflow/runtime';
import { startBadServer } from './support/bad-server.ts';
import { clearPrefix, spawnService, stopProcesses, TEST_REDIS_URL } from '@newsflow/testkit';

const DELAY_MS = 300;
const PAGES = 8;

void test('per-host delay holds across two fetcher processes (measured at the server)', async () => {
  const server = await startBadServer();
  const prefix = `test-${randomUUID()}`;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const fetchQueue = new Queue('fetch', { connection: redis, prefix: queuePrefix(prefix, 'fetch') });
  const cleanQueue = new Queue('clean', { connection: redis, prefix: queuePrefix(prefix, 'clean') });
  const env = {
    ...process.env,
    LOG_LEVEL: 'warn',
    REDIS_URL: TEST_REDIS_URL,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    FETCH_ALLOW_PRIVATE: '127.0.0.1/32',
    FETCH_HOST_DELAY_MS: String(DELAY_MS),
    // One page at a time each: a process that starts polling late still finds pages left for it.
    FETCH_CONCURRENCY: '1',
  };
  const children = [spawnService('fetcher', env), spawnService('fetcher', env)];
  try {
    // Both processes must be listening before the pages arrive, or the first one up may take them all.
    const ready = Date.now() + 20_000;
    while ((await fetchQueue.getWorkers()).length < 2 && Date.now() < ready) await sleep(100);
    for (let i = 0; i < PAGES; i++) {
      const { url, docId } = identityOf(server.url('127.0.0.1', `/page/${i}`));
      await fetchQueue.add(
        'fetch',
        { url, docId, submittedAt: new Date().toISOString(), source: { kind: 'api' } },
        { jobId: `fetch-${docId}` },
      );
    }
    const deadline = Date.now() + 20_000;
    while ((await cleanQueue.count()) < PAGES && Date.now() < deadline) await sleep(100);
    assert.equal(await cleanQueue.count(), PAGES, 'every page fetched and handed on');
    const starts = server.hits
      .filter((hit) => hit.path.startsWith('/page/'))
      .map((hit) => hit.at)
      .sort((a, b) => a - b);
    assert.equal(starts.length, PAGES, 'each page requested once');
    const gaps = starts.slice(1).map((at, i) => at - starts[i]!);
    console.log(`pacing: gaps between request starts ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    const processedBy = new Set((await fetchQueue.getJobs(['completed'])).map((job) => job.processedBy));
    assert.equal(processedBy.size, 2, `both fetcher processes took pages (${[...processedBy].join(', ')})`);
    assert.ok(
      Math.min(...gaps) >= DELAY_MS,
      `smallest gap ${Math.min(...gaps).toFixed(1)} ms < ${DELAY_MS} ms (gaps ${gaps.map((g) => g.toFixed(0)).join(', ')})`,
    );
  } finally {
    await stopProcesses(children);
    await fetchQueue.close();
    await cleanQueue.close();
    await clearPrefix(redis, prefix);
    redis.disconnect();
    await server.close();
  }
});
