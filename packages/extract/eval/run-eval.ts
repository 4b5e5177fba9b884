// Scores an extractor over the benchmark pages and times only the extraction call.
import { performance } from 'node:perf_hooks';
import type { BenchPage } from './dataset.ts';
import { scorePage, type PageCounts } from './metric.ts';

export type Extractor = (html: string, url: string) => string;

export interface PageResult {
  id: string;
  url: string;
  counts: PageCounts;
  predicted: string;
  /** Main-thread CPU time of the extraction call. */
  ms: number;
}

export interface RunResult {
  pages: PageResult[];
  /** Sum of per-page main-thread CPU time: what one core spends, whatever else the machine runs. */
  totalMs: number;
  wallMs: number;
}

/** Main-thread CPU milliseconds (user + system); unlike wall time, not inflated by other processes. */
export function cpuMs(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs every extractor on each page in turn (page 1 for all, then page 2…), so load from other
 * processes hits them alike and even the wall-clock figures stay comparable.
 */
export function runInterleaved(pages: BenchPage[], extractors: Extractor[]): RunResult[] {
  const runs: RunResult[] = extractors.map(() => ({ pages: [], totalMs: 0, wallMs: 0 }));
  for (const page of pages) {
    extractors.forEach((extract, i) => timePage(page, extract, runs[i]!));
  }
  return runs;
}

export function runExtractor(pages: BenchPage[], extract: Extractor): RunResult {
  return runInterleaved(pages, [extract])[0]!;
}

function timePage(page: BenchPage, extract: Extractor, run: RunResult): void {
  const [startCpu, startWall] = [cpuMs(), performance.now()];
  const predicted = extract(page.html, page.url);
  const ms = cpuMs() - startCpu;
  run.wallMs += performance.now() - startWall;
  run.totalMs += ms;
  run.pages.push({ id: page.id, url: page.url, counts: scorePage(page.reference, predicted), predicted, ms });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
