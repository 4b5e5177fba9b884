// Render benchmark: the same JavaScript-shell pages on a local server, A = plain fetch + extract
// (what the cleaner sees without rendering), B = render in Chromium + extract; pages/s, CPU ms per
// page (this process plus every Chromium process it started) and the browser tree's peak RSS.
// Usage: node services/renderer/bench/render-bench.ts [pages=40] [concurrency=2]
import { readFileSync, readdirSync } from 'node:fs';
import { extractArticleStrict } from '@newsflow/extract';
import { resolveConfig } from '@newsflow/config';
import { shellArticle, startShellSite } from '@newsflow/seeds';
import { createRenderer } from '../src/create-renderer.ts';

const PAGES = Number(process.argv[2] ?? 40);
const CONCURRENCY = Number(process.argv[3] ?? 2);
const TICKS_PER_MS = 100 / 1000; // USER_HZ on Linux

const site = await startShellSite(shellArticle('Benchmark story rendered in the browser'));
const urls = Array.from({ length: PAGES }, (_, i) => `${site.origin}/news/${i}`);
const renderer = createRenderer({
  ...resolveConfig({}),
  FETCH_ALLOW_PRIVATE: [`127.0.0.1:${site.port}`],
  RENDER_CONCURRENCY: CONCURRENCY,
});

const extract = (html: string, url: string) =>
  extractArticleStrict({ html: new TextEncoder().encode(html), url, fetchedAt: new Date() });
const plain = await measure('fetch+extract', async (url) => extract(await (await fetch(url)).text(), url));
await renderer.render(urls[0]!); // the browser starts outside the measurement
const rendered = await measure('render+extract', async (url) => extract((await renderer.render(url)).html, url));
await renderer.close();
await site.close();
console.log(
  `render vs plain fetch: ${(rendered.cpuMsPerPage / plain.cpuMsPerPage).toFixed(1)}× CPU per page, ${(plain.pagesPerSecond / rendered.pagesPerSecond).toFixed(1)}× slower`,
);

async function measure(name: string, one: (url: string) => Promise<unknown>) {
  const cpuBefore = treeCpuMs();
  const started = performance.now();
  let peakRssMb = 0;
  const queue = [...urls];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let url = queue.shift(); url; url = queue.shift()) {
        await one(url);
        peakRssMb = Math.max(peakRssMb, childRssMb());
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerPage = (treeCpuMs() - cpuBefore) / PAGES;
  const result = { pagesPerSecond: PAGES / seconds, cpuMsPerPage, peakChromiumRssMb: peakRssMb };
  console.log(
    `${name}: ${PAGES} pages, concurrency ${CONCURRENCY}: ${result.pagesPerSecond.toFixed(1)} pages/s, ${cpuMsPerPage.toFixed(1)} CPU ms/page, Chromium RSS sum peak ${peakRssMb.toFixed(0)} MB (shared pages counted per process)`,
  );
  return result;
}

/** pid → [ppid, utime+stime ticks, rss pages] for every process, from /proc. */
function processTable(): Map<number, [number, number, number]> {
  const table = new Map<number, [number, number, number]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      table.set(Number(entry), [Number(fields[1]), Number(fields[11]) + Number(fields[12]), Number(fields[21])]);
    } catch {
      // the process exited while we read
    }
  }
  return table;
}

function descendants(table: Map<number, [number, number, number]>): number[] {
  const found = [process.pid];
  for (let i = 0; i < found.length; i++) for (const [pid, [ppid]] of table) if (ppid === found[i]) found.push(pid);
  return found;
}

function treeCpuMs(): number {
  const table = processTable();
  return descendants(table).reduce((sum, pid) => sum + (table.get(pid)?.[1] ?? 0), 0) / TICKS_PER_MS;
}

function childRssMb(): number {
  const table = processTable();
  const pages = descendants(table)
    .slice(1)
    .reduce((sum, pid) => sum + (table.get(pid)?.[2] ?? 0), 0);
  return (pages * 4096) / 1024 / 1024;
}
