// The peer many TypeScript teams would write instead: Crawlee's CheerioCrawler fetching and
// parsing the same URLs, with the same concurrency and the same per-host delay. Runs as its own
// process (the parent reads its CPU and memory from /proc) and prints one JSON line.
//   node crawlee-peer.ts URLS.json CONCURRENCY HOST_DELAY_MS
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';
import { steadyRate } from '../measure/stats.ts';

export interface CrawleeResult {
  pages: number;
  failed: number;
  seconds: number;
  /** between 10% and 90% of the URLs done, as the pipeline's rate is measured */
  pagesPerSecond: number;
  /** requests that had to wait for their host's delay */
  hostWaits: number;
}

/**
 * Crawlee's own `sameDomainDelaySecs` keys hosts by registrable domain, which an IP address does
 * not have, so the same per-host delay as Newsflow's is applied in a pre-navigation hook.
 */
function hostPacer(delayMs: number): { wait(url: string): Promise<void>; waits(): number } {
  const nextAt = new Map<string, number>();
  let waits = 0;
  return {
    waits: () => waits,
    wait: async (url) => {
      const host = new URL(url).hostname;
      const now = Date.now();
      const start = Math.max(now, nextAt.get(host) ?? 0);
      nextAt.set(host, start + delayMs);
      if (start > now) {
        waits++;
        await sleep(start - now);
      }
    },
  };
}

export async function crawl(urls: string[], concurrency: number, hostDelayMs: number): Promise<CrawleeResult> {
  log.setLevel(log.LEVELS.WARNING);
  const pacer = hostPacer(hostDelayMs);
  let pages = 0;
  let failed = 0;
  const progress: Array<[number, number]> = [];
  const started = performance.now();
  const done = (): void => void progress.push([performance.now() - started, pages + failed]);
  const crawler = new CheerioCrawler(
    {
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      preNavigationHooks: [async ({ request }) => pacer.wait(request.url)],
      requestHandler: async ({ $ }) => {
        // what glue code reads off the parsed page before cleaning it: title and paragraph text
        if ($('title').text().length + $('p').text().length >= 0) pages++;
        done();
      },
      failedRequestHandler: async () => {
        failed++;
        done();
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  await crawler.run(urls);
  const seconds = (performance.now() - started) / 1000;
  return { pages, failed, seconds, pagesPerSecond: steadyRate(progress, urls.length), hostWaits: pacer.waits() };
}

if (process.argv[1] === import.meta.filename) {
  const [file = '', concurrency = '8', delay = '0'] = process.argv.slice(2);
  const urls = JSON.parse(readFileSync(file, 'utf8')) as string[];
  const result = await crawl(urls, Number(concurrency), Number(delay));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
