// Render benchmark: the same JavaScript-shell pages on a local server, A = plain fetch + extract
// (what the cleaner sees without rendering), B = the renderer (its polite fetch of the document,
// Chromium running the page) + extract; pages/s, CPU ms per page (this process plus every Chromium
// process it started), peak PSS, and memory per open page (the browser's growth over idle, per page).
// Usage: node services/renderer/bench/render-bench.ts [pages=40] [concurrency=2]
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { extractArticleStrict } from '@newsflow/extract';
import { resolveConfig } from '@newsflow/config';
import { createRedisClient } from '@newsflow/runtime';
import { shellArticle, startShellSite } from '@newsflow/seeds';
import { TEST_REDIS_URL, clearPrefix, uniquePrefix } from '@newsflow/testkit';
import { createRenderer } from '../src/create-renderer.ts';

const PAGES = Number(process.argv[2] ?? 40);
const CONCURRENCY = Number(process.argv[3] ?? 2);
const TICKS_PER_MS = 100 / 1000; // USER_HZ on Linux
const SAMPLE_MS = 250;

const site = await startShellSite(shellArticle('Benchmark story rendered in the browser'));
const urls = Array.from({ length: PAGES }, (_, i) => `${site.origin}/news/${i}`);
// The renderer's robots.txt cache and host pacer live in Redis; every page is on one local host, so
// the bench lifts the host delay and lets CONCURRENCY requests run at once: it measures rendering, not politeness.
const prefix = uniquePrefix('render-bench');
const redis = createRedisClient({ REDIS_URL: TEST_REDIS_URL }, 'render-bench');
const renderer = createRenderer(
  {
    ...resolveConfig({}),
    NEWSFLOW_QUEUE_PREFIX: prefix,
    FETCH_ALLOW_PRIVATE: [`127.0.0.1:${site.port}`],
    FETCH_HOST_DELAY_MS: 0,
    FETCH_HOST_CONCURRENCY: CONCURRENCY,
    RENDER_CONCURRENCY: CONCURRENCY,
  },
  redis,
);
const render = (url: string) => renderer.render(url, randomUUID());

const extract = (html: string, url: string) =>
  extractArticleStrict({ html: new TextEncoder().encode(html), url, fetchedAt: new Date() });
const plain = await measure('fetch+extract', async (url) => extract(await (await fetch(url)).text(), url));
await render(urls[0]!); // the browser starts outside the measurement
await new Promise((resolve) => setTimeout(resolve, 500)); // its first page's context is closed and freed
const idleBrowserMb = treePssMb(false);
const rendered = await measure('render+extract', async (url) => extract((await render(url)).html, url));
await renderer.close();
await site.close();
await clearPrefix(redis, prefix);
redis.disconnect();
// Pages open at once are CONCURRENCY, so what the browser tree grows by over its idle size, per open page.
const perPageMb = (rendered.peakPssMb - idleBrowserMb) / CONCURRENCY;
console.log(
  `memory: idle browser (Chromium processes, PSS) ${idleBrowserMb.toFixed(0)} MB, peak with ${CONCURRENCY} pages open ${rendered.peakPssMb.toFixed(0)} MB: ${perPageMb.toFixed(0)} MB per open page; fetch+extract peak ${plain.peakPssMb.toFixed(0)} MB (this process)`,
);
console.log(
  `render vs plain fetch: ${(rendered.cpuMsPerPage / plain.cpuMsPerPage).toFixed(1)}× CPU per page, ${(plain.pagesPerSecond / rendered.pagesPerSecond).toFixed(1)}× slower`,
);

/**
 * Runs every URL through `one` at CONCURRENCY, sampling memory every SAMPLE_MS: the Chromium
 * processes' PSS for a render (shared pages split between the processes sharing them, so the sum
 * is not inflated as an RSS sum is), this process's for a plain fetch.
 */
async function measure(name: string, one: (url: string) => Promise<unknown>) {
  const browser = name.startsWith('render');
  const cpuBefore = treeCpuMs();
  const started = performance.now();
  let peakPssMb = treePssMb(!browser);
  const sampler = setInterval(() => (peakPssMb = Math.max(peakPssMb, treePssMb(!browser))), SAMPLE_MS);
  const queue = [...urls];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let url = queue.shift(); url; url = queue.shift()) await one(url);
    }),
  );
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerPage = (treeCpuMs() - cpuBefore) / PAGES;
  const result = { pagesPerSecond: PAGES / seconds, cpuMsPerPage, peakPssMb };
  console.log(
    `${name}: ${PAGES} pages, concurrency ${CONCURRENCY}: ${result.pagesPerSecond.toFixed(1)} pages/s, ${cpuMsPerPage.toFixed(1)} CPU ms/page, peak PSS ${peakPssMb.toFixed(0)} MB (${browser ? 'Chromium processes' : 'this process'})`,
  );
  return result;
}

/** pid → [ppid, utime+stime ticks] for every process, from /proc. */
function processTable(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      table.set(Number(entry), [Number(fields[1]), Number(fields[11]) + Number(fields[12])]);
    } catch {
      // the process exited while we read
    }
  }
  return table;
}

function descendants(table: Map<number, [number, number]>): number[] {
  const found = [process.pid];
  for (let i = 0; i < found.length; i++) for (const [pid, [ppid]] of table) if (ppid === found[i]) found.push(pid);
  return found;
}

function treeCpuMs(): number {
  const table = processTable();
  return descendants(table).reduce((sum, pid) => sum + (table.get(pid)?.[1] ?? 0), 0) / TICKS_PER_MS;
}

/** PSS in MB of this process alone, or of every process it started (the browser tree). */
function treePssMb(self: boolean): number {
  const pids = self ? [process.pid] : descendants(processTable()).slice(1);
  return pids.reduce((sum, pid) => sum + pssKb(pid), 0) / 1024;
}

function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // exited meanwhile
  }
}
