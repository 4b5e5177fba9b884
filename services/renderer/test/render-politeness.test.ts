// Issue 16: the fetcher's robots.txt and per-host pacing apply to the rendered page itself. The
// renderer gets the page's document through the fetcher's polite GET, so a page robots.txt
// disallows fails as robots-disallowed without being requested, and a fetcher process and a
// renderer process keep one per-host schedule between them (it lives in Redis), measured at the server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { StageError, docIdFor, jobIds } from '@newsflow/contracts';
import type { FetchJob, RenderJob } from '@newsflow/contracts';
import { createQueue, createRedisClient } from '@newsflow/runtime';
import type { StageQueue } from '@newsflow/runtime';
import { SHELL_PAGE, shellArticle } from '@newsflow/seeds';
import { TEST_REDIS_URL, clearPrefix, spawnService, stopProcesses, uniquePrefix } from '@newsflow/testkit';
import { startTestRenderer } from './support/renderer-config.ts';

const DELAY_MS = 600;
const PAGES_EACH = 3;
const ROBOTS = 'User-agent: *\nDisallow: /private/\n';

interface Hit {
  path: string;
  at: number;
}

let server: Server;
let origin = '';
const hits: Hit[] = [];

before(async () => {
  const article = JSON.stringify(shellArticle('Pacing holds for rendered pages'));
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push({ path, at: performance.now() + performance.timeOrigin });
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(ROBOTS);
    if (path === '/api/article') return void res.writeHead(200, { 'content-type': 'application/json' }).end(article);
    if (path.startsWith('/moves/'))
      return void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<script>location.replace('/moved${path}')</script>`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SHELL_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a page robots.txt disallows fails as robots-disallowed and is never requested', async () => {
  const renderer = startTestRenderer({ FETCH_ALLOW_PRIVATE: [new URL(origin).host] });
  try {
    await assert.rejects(
      renderer.render(`${origin}/private/story`),
      (error: unknown) => error instanceof StageError && error.reason === 'robots-disallowed',
    );
    assert.ok(
      hits.some((hit) => hit.path === '/robots.txt'),
      'robots.txt was read',
    );
    assert.deepEqual(
      hits.filter((hit) => hit.path.startsWith('/private/')),
      [],
      'neither the fetcher client nor the browser asked for the page',
    );
    const allowed = await renderer.render(`${origin}/public/story`);
    assert.match(allowed.html, /Pacing holds for rendered pages/, 'an allowed page on the same host renders');
  } finally {
    await renderer.close();
  }
});

test('a page that moves itself waits for its host before the next document, and renders where it went', async () => {
  const renderer = startTestRenderer({ FETCH_ALLOW_PRIVATE: [new URL(origin).host], FETCH_HOST_DELAY_MS: DELAY_MS });
  try {
    const page = await renderer.render(`${origin}/moves/story`);
    assert.match(page.html, /Pacing holds for rendered pages/, 'the page it moved to rendered');
    assert.equal(new URL(page.finalUrl).pathname, '/moved/moves/story');
    const first = hits.find((hit) => hit.path === '/moves/story')!;
    const second = hits.find((hit) => hit.path === '/moved/moves/story')!;
    assert.ok(
      second.at - first.at >= DELAY_MS,
      `the second document came ${(second.at - first.at).toFixed(0)} ms after the first (host delay ${DELAY_MS} ms)`,
    );
  } finally {
    await renderer.close();
  }
});

test('a fetcher process and a renderer process keep one per-host delay (measured at the server)', async () => {
  const prefix = uniquePrefix('render-pace');
  const redis = createRedisClient({ REDIS_URL: TEST_REDIS_URL }, 'render-pace');
  const [fetchQueue, renderQueue, cleanQueue] = [
    createQueue('fetch', redis, prefix),
    createQueue('render', redis, prefix),
    createQueue('clean', redis, prefix),
  ];
  const env = {
    ...process.env,
    LOG_LEVEL: 'warn',
    REDIS_URL: TEST_REDIS_URL,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    FETCH_ALLOW_PRIVATE: new URL(origin).host,
    FETCH_HOST_DELAY_MS: String(DELAY_MS),
  };
  const children = [spawnService('fetcher', env), spawnService('renderer', env)];
  try {
    const ready = Date.now() + 20_000;
    while ((await fetchQueue.getWorkers()).length + (await renderQueue.getWorkers()).length < 2 && Date.now() < ready)
      await sleep(100);
    await addJobs(fetchQueue, renderQueue);
    const deadline = Date.now() + 40_000;
    while ((await cleanQueue.count()) < PAGES_EACH * 2 && Date.now() < deadline) await sleep(100);
    assert.equal(await cleanQueue.count(), PAGES_EACH * 2, 'every page fetched or rendered and handed on');
    const starts = pageStarts();
    assert.equal(starts.fetched.length, PAGES_EACH, 'each fetched page requested once');
    assert.equal(starts.rendered.length, PAGES_EACH, 'each rendered page requested once');
    const all = [
      ...starts.fetched.map((at) => ({ at, kind: 'F' })),
      ...starts.rendered.map((at) => ({ at, kind: 'R' })),
    ].sort((a, b) => a.at - b.at);
    const gaps = all.slice(1).map((hit, i) => hit.at - all[i]!.at);
    const order = all.map((hit) => hit.kind).join('');
    console.log(
      `pacing: order ${order}, gaps between page request starts ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`,
    );
    assert.match(
      order,
      /FR|RF/,
      'a fetched and a rendered page follow each other, so the gap between them is measured',
    );
    assert.ok(
      Math.min(...gaps) >= DELAY_MS,
      `smallest gap ${Math.min(...gaps).toFixed(1)} ms < ${DELAY_MS} ms (gaps ${gaps.map((g) => g.toFixed(0)).join(', ')})`,
    );
  } finally {
    await stopProcesses(children);
    await Promise.all([fetchQueue.close(), renderQueue.close(), cleanQueue.close()]);
    await clearPrefix(redis, prefix);
    redis.disconnect();
  }
});

/** Fetch and render jobs interleaved, all for pages on the one host. */
async function addJobs(fetchQueue: StageQueue<'fetch'>, renderQueue: StageQueue<'render'>): Promise<void> {
  const run = randomUUID().slice(0, 8);
  const at = new Date().toISOString();
  for (let i = 0; i < PAGES_EACH; i++) {
    const fetched = `${origin}/fetched/${run}/${i}`;
    const rendered = `${origin}/rendered/${run}/${i}`;
    const fetchJob: FetchJob = { url: fetched, docId: docIdFor(fetched), submittedAt: at, source: { kind: 'api' } };
    const renderJob: RenderJob = {
      docId: docIdFor(rendered),
      url: rendered,
      finalUrl: rendered,
      fetchedAt: at,
      submittedAt: at,
    };
    await fetchQueue.add('fetch', fetchJob, { jobId: jobIds.fetch(fetchJob) });
    await renderQueue.add('render', renderJob, { jobId: jobIds.render(renderJob) });
  }
}

/** When the server saw each page's document requested (the browser's own /api/article calls are not pages). */
function pageStarts(): { fetched: number[]; rendered: number[] } {
  const of = (kind: string) => hits.filter((hit) => hit.path.startsWith(`/${kind}/`)).map((hit) => hit.at);
  return { fetched: of('fetched'), rendered: of('rendered') };
}
