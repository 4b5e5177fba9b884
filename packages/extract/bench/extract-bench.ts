// Throughput benchmark over the article-extraction-benchmark pages: pages/s and per-page p50/p95.
// Run directly:  node packages/extract/bench/extract-bench.ts [--dataset DIR] [--rounds N]
// Or import:     import { runExtractBench } from '@newsflow/extract'
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { extractArticle } from '../src/extract-article.ts';
import { defaultDatasetDir, loadBenchmark } from '../eval/dataset.ts';
import { cpuMs, percentile } from '../eval/run-eval.ts';

export interface BenchResult {
  pages: number;
  rounds: number;
  /** From main-thread CPU time (one core, robust to other load on the machine). */
  pagesPerSecond: number;
  wallPagesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** Times extraction only (pages are decompressed up front), after one untimed warm-up round. */
export function runExtractBench(datasetDir = defaultDatasetDir(REPO_ROOT), rounds = 3): BenchResult {
  const pages = loadBenchmark(datasetDir);
  const fetchedAt = new Date();
  for (const p of pages) extractArticle({ html: p.html, url: p.url, fetchedAt });
  const times: number[] = [];
  const wallStart = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const p of pages) {
      const start = cpuMs();
      extractArticle({ html: p.html, url: p.url, fetchedAt });
      times.push(cpuMs() - start);
    }
  }
  const wall = performance.now() - wallStart;
  const total = times.reduce((a, b) => a + b, 0);
  return {
    pages: pages.length,
    rounds,
    pagesPerSecond: times.length / (total / 1000),
    wallPagesPerSecond: times.length / (wall / 1000),
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
  };
}

export function formatBench(r: BenchResult): string {
  return `extract: ${r.pages} pages x ${r.rounds} rounds, ${r.pagesPerSecond.toFixed(1)} pages/s CPU (${r.wallPagesPerSecond.toFixed(1)} wall), p50 ${r.p50Ms.toFixed(2)} ms, p95 ${r.p95Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(1)} ms`;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { dataset: { type: 'string' }, rounds: { type: 'string', default: '3' } } });
  try {
    console.log(
      formatBench(runExtractBench(values.dataset ? resolve(values.dataset) : undefined, Number(values.rounds))),
    );
  } catch (err) {
    console.error(`extract bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
