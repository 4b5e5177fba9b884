// The syndication suite: each of the 181 real article bodies of the extraction benchmark, plus
// several altered copies of it, with all other bodies as distractors. Deterministic (seeded), so
// scores are comparable between runs and machines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as alter from './alterations.ts';
import { sharedDataset } from './stories/dataset-path.ts';
import type { LabelledDoc } from './labelled.ts';
import { Random } from './prng.ts';

// Found in any ancestor directory, so a git worktree (one level deeper than the checkout) works too.
export const SHARED_DATASETS = sharedDataset('.');
export const BENCHMARK_FILE = join(SHARED_DATASETS, 'article-extraction-benchmark/ground-truth.json');
export const ECBPLUS_FILE = join(SHARED_DATASETS, 'ecbplus-dev/articles.jsonl');

export interface SuiteOptions {
  copiesPerBody?: number;
  seed?: number;
  file?: string;
}

function titleFromUrl(url: string): string {
  const slug =
    new URL(url).pathname
      .split('/')
      .filter((s) => /[a-z]-[a-z]/i.test(s))
      .pop() ?? 'news';
  return slug
    .replace(/\.\w+$/, '')
    .replace(/[-_]+/g, ' ')
    .replace(/\b\w/g, (c) => c.toUpperCase());
}

function alteredCopy(rng: Random, title: string, body: string): { title: string; body: string } {
  let paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const steps: ((p: alter.Paragraphs) => alter.Paragraphs)[] = [];
  if (rng.chance(0.5)) steps.push((p) => alter.reorder(rng, p));
  if (rng.chance(0.3)) steps.push((p) => alter.dropParagraph(rng, p));
  if (rng.chance(0.5)) steps.push((p) => alter.addParagraphs(rng, p));
  if (rng.chance(0.4)) steps.push((p) => alter.insertCaption(rng, p));
  if (rng.chance(0.4)) steps.push((p) => alter.typos(rng, p));
  if (rng.chance(0.3)) steps.push((p) => alter.trim(p, 0.6));
  if (steps.length === 0) steps.push((p) => alter.reorder(rng, p));
  for (const step of steps) paragraphs = step(paragraphs);
  const headline = rng.pick([
    `UPDATE 1-${title}`,
    `${title}: what we know`,
    title.split(' ').reverse().join(' '),
    `Report: ${title}`,
  ]);
  if (rng.chance(0.2)) paragraphs = alter.header(rng, headline, paragraphs);
  let text = alter.joinParagraphs(rng, paragraphs);
  if (rng.chance(0.5)) text = rng.chance(0.5) ? alter.straightQuotes(text) : alter.curlyQuotes(text);
  return { title: headline, body: text };
}

/** Every original and its copies, in a shuffled arrival order; `cluster` names the original. */
export function syndicationSuite(options: SuiteOptions = {}): LabelledDoc[] {
  const rng = new Random(options.seed ?? 20191120);
  const copies = options.copiesPerBody ?? 5;
  const truth = JSON.parse(readFileSync(options.file ?? BENCHMARK_FILE, 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  const docs: LabelledDoc[] = [];
  for (const key of Object.keys(truth).sort()) {
    const { articleBody, url } = truth[key]!;
    const label = key.slice(0, 12);
    const title = titleFromUrl(url);
    docs.push({ id: `${label}-0`, title, body: articleBody, cluster: label });
    for (let c = 1; c <= copies; c++)
      docs.push({ id: `${label}-${c}`, ...alteredCopy(rng, title, articleBody), cluster: label });
  }
  return rng.shuffle(docs);
}
