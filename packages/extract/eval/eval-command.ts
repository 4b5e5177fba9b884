// npm run eval:extract [-- --set both|scrapinghub|multilingual] [--skip-peer] [--trafilatura] [--dump DIR]
//   [--limit N] [--dataset DIR] [--multilingual DIR] [--bootstrap N] [--warmup N]
// Scores our extractor and Readability.js+jsdom on the same pages, side by side: the ScrapingHub
// benchmark (body, its shingle metric) and the multilingual dev set (body snippets and metadata).
// --trafilatura adds trafilatura (Python, pinned, in .cache/trafilatura-venv, created on first use).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatasetDir, loadBenchmark, sharedDatasetDir } from './dataset.ts';
import { pagePrecision, pageRecall } from './metric.ts';
import { loadMultilingual, type MultilingualPage } from './multilingual-dataset.ts';
import { ourExtractor, ourPageExtractor } from './our-extractor.ts';
import { formatMultilingualReport } from './multilingual-report.ts';
import { readabilityArticle, readabilityText } from './readability-peer.ts';
import { formatReport, type NamedRun } from './report.ts';
import { runMultilingual, type MultilingualRun, type PageExtractor } from './run-multilingual.ts';
import { runInterleaved, type Extractor, type RunResult } from './run-eval.ts';
import { ensureTrafilatura, TRAFILATURA_VERSION } from './trafilatura-peer.ts';
import { trafilaturaOnBenchmark, trafilaturaOnMultilingual } from './trafilatura-runs.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const OURS = 'newsflow-extract';
const PEER = 'readability.js+jsdom';
const TRAFILATURA = `trafilatura ${TRAFILATURA_VERSION}`;

const peerPageExtractor: PageExtractor = (page) => readabilityArticle(page.html, page.url);

interface Options {
  skipPeer: boolean;
  limit: number | undefined;
  warmup: number;
  dump: string | undefined;
  /** The venv's python when --trafilatura is given. */
  trafilatura: string | undefined;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'both' },
      dataset: { type: 'string' },
      multilingual: { type: 'string' },
      'skip-peer': { type: 'boolean', default: false },
      trafilatura: { type: 'boolean', default: false },
      bootstrap: { type: 'string', default: '1000' },
      dump: { type: 'string' },
      limit: { type: 'string' },
      warmup: { type: 'string', default: '5' },
    },
  });
  if (!['both', 'scrapinghub', 'multilingual'].includes(values.set)) throw new Error(`unknown --set ${values.set}`);
  const opts: Options = {
    skipPeer: values['skip-peer'],
    limit: values.limit ? Number(values.limit) : undefined,
    warmup: Number(values.warmup),
    dump: values.dump ? resolve(values.dump) : undefined,
    trafilatura: values.trafilatura ? ensureTrafilatura(REPO_ROOT) : undefined,
  };
  if (opts.dump) mkdirSync(opts.dump, { recursive: true });
  if (values.set !== 'multilingual')
    evalScrapinghub(resolve(values.dataset ?? defaultDatasetDir(REPO_ROOT)), opts, Number(values.bootstrap));
  if (values.set !== 'scrapinghub')
    evalMultilingual(resolve(values.multilingual ?? sharedDatasetDir(REPO_ROOT, 'multilingual-extraction-dev')), opts);
}

function evalScrapinghub(dir: string, opts: Options, bootstrapRounds: number): void {
  const pages = loadBenchmark(dir).slice(0, opts.limit);
  const named: Array<[string, Extractor]> = [[OURS, ourExtractor]];
  if (!opts.skipPeer) named.push([PEER, readabilityText]);
  const extractors = named.map(([, fn]) => fn);
  for (const extract of extractors) for (const page of pages.slice(0, opts.warmup)) extract(page.html, page.url);
  const results = runInterleaved(pages, extractors);
  const runs: NamedRun[] = named.map(([name], i) => ({ name, run: results[i]! }));
  if (opts.trafilatura)
    runs.push({ name: TRAFILATURA, run: trafilaturaOnBenchmark(opts.trafilatura, dir, pages, opts.warmup) });
  console.log(`ScrapingHub benchmark: ${dir} (${pages.length} pages)`);
  console.log(formatReport(runs, bootstrapRounds));
  if (opts.dump) dumpScrapinghub(join(opts.dump, 'scrapinghub.jsonl'), runs[0]!.run);
}

function evalMultilingual(dir: string, opts: Options): void {
  const pages = loadMultilingual(dir).slice(0, opts.limit);
  const named: Array<[string, PageExtractor]> = [[OURS, ourPageExtractor]];
  if (!opts.skipPeer) named.push([PEER, peerPageExtractor]);
  const extractors = named.map(([, fn]) => fn);
  for (const extract of extractors) for (const page of pages.slice(0, opts.warmup)) extract(page);
  const results = runMultilingual(pages, extractors);
  const runs = named.map(([name], i) => ({ name, run: results[i]! }));
  if (opts.trafilatura)
    runs.push({
      name: TRAFILATURA,
      run: trafilaturaOnMultilingual(opts.trafilatura, dir, pages, runs[0]!.run, opts.warmup),
    });
  console.log(`\nmultilingual dev set: ${dir} (${pages.length} pages)`);
  console.log(formatMultilingualReport(runs));
  if (opts.dump) dumpMultilingual(join(opts.dump, 'multilingual.jsonl'), results[0]!, pages);
}

/** Per-page precision/recall, worst first, for error analysis. */
function dumpScrapinghub(file: string, run: RunResult): void {
  const rows = run.pages.map((p) => ({
    id: p.id,
    url: p.url,
    p: pagePrecision(p.counts),
    r: pageRecall(p.counts),
    ms: p.ms,
    predicted: p.predicted,
  }));
  rows.sort((a, b) => a.p + a.r - (b.p + b.r));
  writeLines(file, rows);
}

/** Per page: snippets missed and furniture kept, metadata found beside the gold, worst first. */
function dumpMultilingual(file: string, run: MultilingualRun, pages: MultilingualPage[]): void {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const rows = run.pages.map((r) => {
    const page = byId.get(r.id)!;
    const text = `${r.found.title}\n${r.found.body}`.replace(/\s+/g, ' ');
    return {
      id: r.id,
      url: r.url,
      language: r.language,
      errors: r.counts.fn + r.counts.fp,
      missed: page.with.filter((s) => !text.includes(s.replace(/\s+/g, ' ').trim())),
      kept: page.without.filter((s) => text.includes(s.replace(/\s+/g, ' ').trim())),
      hits: r.hits,
      found: { ...r.found, body: r.found.body.slice(0, 3000) },
      gold: page.gold,
    };
  });
  rows.sort((a, b) => b.errors - a.errors);
  writeLines(file, rows);
}

function writeLines(file: string, rows: unknown[]): void {
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`per-page results written to ${file}`);
}

try {
  main();
} catch (err) {
  console.error(`eval:extract failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
