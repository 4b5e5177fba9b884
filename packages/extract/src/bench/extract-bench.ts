// Throughput benchmark over the article-extraction-benchmark pages: pages/s and per-page p50/p95.
// Run directly:  node packages/extract/src/bench/extract-bench.ts [--dataset DIR] [--rounds N]
// Or import:     import { runExtractBench } from '@newsflow/extract'
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { extractArticle } from '../extract-article.ts';
import { defaultDatasetDir, loadBenchmark } from '../eval/dataset.ts';
import { percentile } from '../eval/run-eval.ts';

export interface BenchResult {
  pages: number;
  rounds: number;
  pagesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');

/** Times extraction only (pages are decompressed up front), after one untimed warm-up round. */
export function runExtractBench(datasetDir = defaultDatasetDir(REPO_ROOT), rounds = 3): BenchResult {
  const pages = loadBenchmark(datasetDir);
  const fetchedAt = new Date();
  for (const p of pages) extractArticle({ html: p.html, url: p.url, fetchedAt });
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of pages) {
      const start = performance.now();
      extractArticle({ html: p.html, url: p.url, fetchedAt });
      times.push(performance.now() - start);
    }
  }
  const total = times.reduce((a, b) => a + b, 0);
  return { pages: pages.length, rounds, pagesPerSecond: times.length / (total / 1000), p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: Math.max(...times) };
}

export function formatBench(r: BenchResult): string {
  return `extract: ${r.pages} pages x ${r.rounds} rounds, ${r.pagesPerSecond.toFixed(1)} pages/s, p50 ${r.p50Ms.toFixed(2)} ms, p95 ${r.p95Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(1)} ms`;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { dataset: { type: 'string' }, rounds: { type: 'string', default: '3' } } });
  try {
    console.log(formatBench(runExtractBench(values.dataset ? resolve(values.dataset) : undefined, Number(values.rounds))));
  } catch (err) {
    console.error(`extract bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
