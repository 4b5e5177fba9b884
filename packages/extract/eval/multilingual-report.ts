// Side-by-side table for the multilingual dev set: body snippets (P/R/F1/accuracy), publication
// day, authors and title accuracy, empty bodies and speed; then the same per language.
import { fieldAccuracy, scoreSnippets } from './snippet-metric.ts';
import type { MultilingualPageResult, MultilingualRun } from './run-multilingual.ts';

export interface NamedMultilingualRun {
  name: string;
  run: MultilingualRun;
}

const HEAD = `${'extractor'.padEnd(27)} ${'P'.padEnd(6)} ${'R'.padEnd(6)} ${'F1'.padEnd(6)} ${'acc'.padEnd(6)} ${'day'.padEnd(6)} ${'author'.padEnd(6)} ${'title'.padEnd(6)} ${'lang'.padEnd(6)} empty  pages`;

export function formatMultilingualReport(runs: NamedMultilingualRun[]): string {
  const lines = [HEAD, ...runs.map(({ name, run }) => formatRow(name, run.pages) + speedOf(run))];
  lines.push(
    'day/author/title: share of the pages whose gold gives that field; lang: language given = language of the gold snippets (eld); empty: pages with snippets but no body',
  );
  for (const peer of runs.slice(1)) lines.push(speedRatio(runs[0]!, peer));
  lines.push('', 'per language (of the gold main-text snippets):', HEAD);
  for (const language of languagesOf(runs[0]?.run.pages ?? [])) {
    for (const { name, run } of runs) {
      const pages = run.pages.filter((p) => p.language === language);
      lines.push(formatRow(`${language} ${name}`, pages));
    }
  }
  return lines.join('\n');
}

function formatRow(label: string, pages: MultilingualPageResult[]): string {
  const body = scoreSnippets(pages.map((p) => p.counts));
  const hits = pages.map((p) => p.hits);
  const field = (f: 'date' | 'author' | 'title' | 'language'): string => {
    const { right, of } = fieldAccuracy(hits, f);
    return (of > 0 ? (right / of).toFixed(3) : '-').padEnd(6);
  };
  const empty = pages.filter((p) => p.counts.tp + p.counts.fn > 0 && p.found.body.trim() === '').length;
  const num = (x: number): string => x.toFixed(3).padEnd(6);
  return `${label.padEnd(27)} ${num(body.precision)} ${num(body.recall)} ${num(body.f1)} ${num(body.accuracy)} ${field('date')} ${field('author')} ${field('title')} ${field('language')} ${String(empty).padEnd(6)} ${pages.length}`;
}

function speedRatio(ours: NamedMultilingualRun, peer: NamedMultilingualRun): string {
  const ratio = peer.run.totalMs / Math.max(1e-9, ours.run.totalMs);
  return `speed ratio ${ours.name} / ${peer.name}: ${ratio.toFixed(1)}x by CPU time (${ours.run.pages.length} pages)`;
}

function speedOf(run: MultilingualRun): string {
  const perSecond = run.pages.length / Math.max(1e-9, run.totalMs / 1000);
  return `  ${perSecond.toFixed(1)} pages/s (CPU)`;
}

/** Languages with at least five pages, most pages first (smaller ones count in the totals only). */
function languagesOf(pages: MultilingualPageResult[]): string[] {
  const counts = new Map<string, number>();
  for (const p of pages) counts.set(p.language, (counts.get(p.language) ?? 0) + 1);
  const big = [...counts].filter(([, n]) => n >= 5).sort((a, b) => b[1] - a[1]);
  return big.map(([lang]) => lang);
}
