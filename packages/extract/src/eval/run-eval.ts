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

export function runExtractor(pages: BenchPage[], extract: Extractor): RunResult {
  const results: PageResult[] = [];
  let totalMs = 0;
  let wallMs = 0;
  for (const page of pages) {
    const [startCpu, startWall] = [cpuMs(), performance.now()];
    const predicted = extract(page.html, page.url);
    const ms = cpuMs() - startCpu;
    wallMs += performance.now() - startWall;
    totalMs += ms;
    results.push({ id: page.id, url: page.url, counts: scorePage(page.reference, predicted), predicted, ms });
  }
  return { pages: results, totalMs, wallMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
