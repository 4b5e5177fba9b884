// Turns trafilatura's per-page output into the same run shapes our extractor's results take, so
// both sets' reports print it beside ours, scored by the same metric code.
import { join } from 'node:path';
import type { BenchPage } from './dataset.ts';
import { scorePage } from './metric.ts';
import type { MultilingualPage } from './multilingual-dataset.ts';
import type { RunResult } from './run-eval.ts';
import type { MultilingualPageResult, MultilingualRun } from './run-multilingual.ts';
import { countSnippets, scoreMetadata, type Extracted } from './snippet-metric.ts';
import { runTrafilatura, type PeerResult } from './trafilatura-peer.ts';

export function trafilaturaOnBenchmark(python: string, dir: string, pages: BenchPage[], warmup: number): RunResult {
  const files = pages.map((p) => ({ id: p.id, url: p.url, file: join(dir, 'html', `${p.id}.html.gz`), raw: false }));
  const results = runTrafilatura(python, files, warmup);
  const run: RunResult = { pages: [], totalMs: 0, wallMs: 0 };
  for (const page of pages) {
    const r = resultOf(results, page.id);
    run.pages.push({
      id: page.id,
      url: page.url,
      counts: scorePage(page.reference, r.body),
      predicted: r.body,
      ms: r.ms,
    });
    run.totalMs += r.ms;
    run.wallMs += r.wallMs;
  }
  return run;
}

/** `ours` gives each page's language group, so trafilatura's per-language lines cover the same pages. */
export function trafilaturaOnMultilingual(
  python: string,
  dir: string,
  pages: MultilingualPage[],
  ours: MultilingualRun,
  warmup: number,
): MultilingualRun {
  const files = pages.map((p) => ({ id: p.id, url: p.url, file: join(dir, 'pages', `${p.id}.gz`), raw: true }));
  const results = runTrafilatura(python, files, warmup);
  const languages = new Map(ours.pages.map((p) => [p.id, p.language]));
  const run: MultilingualRun = { pages: [], totalMs: 0, wallMs: 0 };
  for (const page of pages) {
    const r = resultOf(results, page.id);
    const found: Extracted = { title: r.title, body: r.body, authors: r.authors, published: r.published ?? undefined };
    run.pages.push(pageResult(page, languages.get(page.id) ?? 'other', found, r.ms));
    run.totalMs += r.ms;
    run.wallMs += r.wallMs;
  }
  return run;
}

function pageResult(page: MultilingualPage, language: string, found: Extracted, ms: number): MultilingualPageResult {
  const counts = countSnippets(found, page.with, page.without);
  return { id: page.id, url: page.url, language, counts, hits: scoreMetadata(found, page.gold), found, ms };
}

function resultOf(results: Map<string, PeerResult>, id: string): PeerResult {
  const r = results.get(id);
  if (!r) throw new Error(`trafilatura gave no result for page ${id}`);
  return r;
}
