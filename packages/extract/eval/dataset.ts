// Loads the article-extraction-benchmark: ground-truth.json plus html/<id>.html.gz (UTF-8).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface BenchPage {
  id: string;
  url: string;
  reference: string;
  html: string;
}

interface TruthRecord {
  articleBody?: string;
  url?: string;
}

/** Default location: shared/datasets beside the checkout (or beside its parent, for a git worktree). */
export function defaultDatasetDir(repoRoot: string): string {
  return sharedDatasetDir(repoRoot, 'article-extraction-benchmark');
}

export function sharedDatasetDir(repoRoot: string, name: string): string {
  const near = resolve(repoRoot, '../shared/datasets', name);
  const worktree = resolve(repoRoot, '../../shared/datasets', name);
  return existsSync(near) || !existsSync(worktree) ? near : worktree;
}

export function loadBenchmark(dir: string): BenchPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, TruthRecord>;
  return Object.entries(truth).map(([id, rec]) => ({
    id,
    url: rec.url ?? 'https://example.invalid/',
    reference: rec.articleBody ?? '',
    html: gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))).toString('utf8'),
  }));
}
