import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataset } from '../eval/stories/dataset-path.ts';
import { BENCHMARK_FILE } from '../eval/syndication-suite.ts';

/** The seed articles, beside the shared datasets (found above a git worktree too). */
export const SEEDS_DIR = join(sharedDataset('.'), '../seeds');
/** The tests' Redis: REDIS_URL, else a local server (as testkit's TEST_REDIS_URL), never a skip. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Real article bodies (the extraction benchmark), longest first. */
export function articleBodies(): string[] {
  const truth = JSON.parse(readFileSync(BENCHMARK_FILE, 'utf8')) as Record<string, { articleBody: string }>;
  return Object.keys(truth)
    .sort()
    .map((key) => truth[key]!.articleBody)
    .sort((a, b) => b.length - a.length);
}

export function paragraphs(body: string): string[] {
  return body.split(/\n\s*\n/).filter((p) => p.trim() !== '');
}

export function uniquePrefix(name: string): string {
  return `test:cluster:${name}:${randomUUID()}`;
}

export function straighten(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

/** A copy another outlet might run: paragraphs swapped, typographic quotes, an agency credit. */
export function syndicatedCopy(body: string): string {
  const parts = paragraphs(body);
  if (parts.length > 2) [parts[0], parts[1]] = [parts[1]!, parts[0]!];
  return `${parts.join('\n').replace(/"([^"]*)"/g, '\u201c$1\u201d')}\nSome information for this report was provided by Reuters.`;
}
