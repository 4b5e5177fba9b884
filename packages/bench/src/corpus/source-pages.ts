import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeHTML } from 'entities';

const REPO_ROOT = join(import.meta.dirname, '../../../..');
/** The shared datasets, read-only: NEWSFLOW_DATASETS, else `shared/datasets` beside the checkout (or beside its worktree folder). */
export const DATASETS_DIR =
  process.env.NEWSFLOW_DATASETS ??
  [join(REPO_ROOT, '../shared/datasets'), join(REPO_ROOT, '../../shared/datasets')].find((dir) => existsSync(dir)) ??
  join(REPO_ROOT, '../shared/datasets');
const BENCHMARK_DIR = join(DATASETS_DIR, 'article-extraction-benchmark');
const MULTILINGUAL_DIR = join(DATASETS_DIR, 'multilingual-extraction-dev');

/** A real page as it was fetched, served byte for byte (charset as served). */
export interface RealPage {
  name: string;
  html: Buffer;
}

/** A real article text (the benchmark's gold body) that the corpus re-publishes under other chrome. */
export interface SourceText {
  title: string;
  paragraphs: string[];
}

export interface SourcePages {
  realPages: RealPage[];
  texts: SourceText[];
}

let cached: SourcePages | undefined;

/** The 181 benchmark pages and the 487 multilingual pages, plus the benchmark's gold bodies. */
export function loadSourcePages(): SourcePages {
  cached ??= readSources();
  return cached;
}

function readSources(): SourcePages {
  for (const dir of [BENCHMARK_DIR, MULTILINGUAL_DIR])
    if (!existsSync(dir)) throw new Error(`corpus: dataset missing at ${dir} (set NEWSFLOW_DATASETS)`);
  const benchmark = readPages(join(BENCHMARK_DIR, 'html'));
  const multilingual = readPages(join(MULTILINGUAL_DIR, 'pages'));
  const truth = JSON.parse(readFileSync(join(BENCHMARK_DIR, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string }
  >;
  const texts = benchmark.flatMap((page) => {
    const body = truth[page.name.replace(/\.html$/, '')]?.articleBody ?? '';
    const paragraphs = body
      .split(/\n+/)
      .map((line) => line.trim())
      .filter((line) => line.length > 40);
    return paragraphs.length >= 3 ? [{ title: titleOf(page.html), paragraphs }] : [];
  });
  return { realPages: [...benchmark, ...multilingual], texts };
}

function readPages(dir: string): RealPage[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.gz'))
    .sort()
    .map((file) => ({ name: file.replace(/\.gz$/, ''), html: gunzipSync(readFileSync(join(dir, file))) }));
}

function titleOf(html: Buffer): string {
  const match = /<title[^>]*>([^<]{3,300})<\/title>/i.exec(html.toString('utf8'));
  const title = decodeHTML(match?.[1] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return title.split(/ [|–—-] /)[0] || 'Untitled';
}
