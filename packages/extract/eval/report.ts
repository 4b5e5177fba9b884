// Side-by-side table of quality (benchmark metric, ± bootstrap standard deviation) and speed.
import { bootstrap, scoreCorpus } from './metric.ts';
import { percentile, type RunResult } from './run-eval.ts';

export interface NamedRun {
  name: string;
  run: RunResult;
}

export function pagesPerSecond(run: RunResult): number {
  return run.pages.length / Math.max(1e-9, run.totalMs / 1000);
}

function wallPagesPerSecond(run: RunResult): number {
  return run.pages.length / Math.max(1e-9, run.wallMs / 1000);
}

export function formatReport(runs: NamedRun[], bootstrapRounds: number): string {
  const lines = [
    `${'extractor'.padEnd(22)} ${['precision', 'recall', 'F1', 'accuracy'].map((h) => h.padEnd(15)).join(' ')} pages/s   p50ms  p95ms  (wall pages/s)`,
  ];
  for (const { name, run } of runs) lines.push(formatRow(name, run, bootstrapRounds));
  lines.push(
    'pages/s and p50/p95 use main-thread CPU time of the extraction call only (robust to other load); wall-clock pages/s in parentheses.',
  );
  for (const peer of runs.slice(1)) lines.push(speedRatio(runs[0]!, peer));
  return lines.join('\n');
}

function speedRatio(a: NamedRun, b: NamedRun): string {
  const cpu = pagesPerSecond(a.run) / pagesPerSecond(b.run);
  const wall = wallPagesPerSecond(a.run) / wallPagesPerSecond(b.run);
  return `speed ratio ${a.name} / ${b.name}: ${cpu.toFixed(1)}x by CPU time, ${wall.toFixed(1)}x by wall clock (${a.run.pages.length} pages)`;
}

function formatRow(name: string, run: RunResult, rounds: number): string {
  const counts = run.pages.map((p) => p.counts);
  const s = scoreCorpus(counts);
  const sd = rounds > 1 ? bootstrap(counts, rounds) : undefined;
  const cell = (k: keyof typeof s): string => `${s[k].toFixed(3)}${sd ? ` ± ${sd[k].toFixed(3)}` : ''}`.padEnd(15);
  const ms = run.pages.map((p) => p.ms);
  const speed = `${pagesPerSecond(run).toFixed(1).padStart(7)}  ${percentile(ms, 50).toFixed(1).padStart(6)} ${percentile(ms, 95).toFixed(1).padStart(6)}  (${wallPagesPerSecond(run).toFixed(1)})`;
  return `${name.padEnd(22)} ${cell('precision')} ${cell('recall')} ${cell('f1')} ${cell('accuracy')} ${speed}`;
}
