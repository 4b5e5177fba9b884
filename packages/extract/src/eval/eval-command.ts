// npm run eval:extract [-- --dataset DIR] [--skip-peer] [--bootstrap N] [--dump FILE] [--limit N] [--warmup N]
// Scores our extractor and Readability.js+jsdom on the same benchmark pages, side by side.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extractArticle } from '../extract-article.ts';
import { defaultDatasetDir, loadBenchmark, type BenchPage } from './dataset.ts';
import { formatReport, type NamedRun } from './report.ts';
import { readabilityText } from './readability-peer.ts';
import { runInterleaved, type Extractor, type RunResult } from './run-eval.ts';
import { pagePrecision, pageRecall } from './metric.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');

export function ourExtractor(html: string, url: string): string {
  return extractArticle({ html, url, fetchedAt: new Date() }).body;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      'skip-peer': { type: 'boolean', default: false },
      bootstrap: { type: 'string', default: '1000' },
      dump: { type: 'string' },
      limit: { type: 'string' },
      warmup: { type: 'string', default: '5' },
    },
  });
  const dir = resolve(values.dataset ?? defaultDatasetDir(REPO_ROOT));
  const pages = loadBenchmark(dir).slice(0, values.limit ? Number(values.limit) : undefined);
  const named: Array<[string, Extractor]> = [['newsflow-extract', ourExtractor]];
  if (!values['skip-peer']) named.push(['readability.js+jsdom', readabilityText]);
  const results = timedRuns(
    pages,
    pages.slice(0, Number(values.warmup)),
    named.map(([, fn]) => fn),
  );
  const runs: NamedRun[] = named.map(([name], i) => ({ name, run: results[i]! }));
  console.log(`dataset: ${dir} (${pages.length} pages)`);
  console.log(formatReport(runs, Number(values.bootstrap)));
  if (values.dump) dumpPages(values.dump, runs[0]!.run);
}

/** Both extractors get the same untimed warm-up (JIT, lazy module loading) before the timed pass. */
function timedRuns(pages: BenchPage[], warm: BenchPage[], extractors: Extractor[]): RunResult[] {
  for (const extract of extractors) for (const page of warm) extract(page.html, page.url);
  return runInterleaved(pages, extractors);
}

/** Per-page precision/recall, worst first, for error analysis. */
function dumpPages(file: string, run: RunResult): void {
  const rows = run.pages.map((p) => ({
    id: p.id,
    url: p.url,
    p: pagePrecision(p.counts),
    r: pageRecall(p.counts),
    ms: p.ms,
    predicted: p.predicted,
  }));
  rows.sort((a, b) => a.p + a.r - (b.p + b.r));
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`per-page scores written to ${file}`);
}

try {
  main();
} catch (err) {
  console.error(`eval:extract failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
