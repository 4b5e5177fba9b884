// The excerpt and roundup suite: every ECB+ dev article, one excerpt copy of each long article (a
// contiguous run of its paragraphs inside another outlet's own text, lightly edited) and roundup
// pages quoting 2-5 stories. Deterministic (seeded). The outlet's own text comes from the
// extraction benchmark's bodies, which are not in this set, so it matches nothing here.
import { readFileSync } from 'node:fs';
import * as alter from './alterations.ts';
import type { LabelledDoc } from './labelled.ts';
import { Random } from './prng.ts';
import { BENCHMARK_FILE, ECBPLUS_FILE } from './syndication-suite.ts';

/** Where an excerpt comes from and which stories a document quotes (roundups quote several). */
export interface SuiteDoc extends LabelledDoc {
  kind: 'original' | 'excerpt' | 'roundup';
  /** The article an excerpt was cut from; the articles a roundup quotes. */
  sources: string[];
  /** Stories the document reports or quotes. */
  stories: string[];
  /** Excerpts only: the share of the source's paragraphs it carries, and where it was cut. */
  share?: number;
  position?: 'start' | 'middle' | 'end';
}

export interface ExcerptSuiteOptions {
  seed?: number;
  /** Roundup pages generated (default 80). */
  roundups?: number;
  file?: string;
}

/** Excerpt lengths: 2-3 paragraphs, then a third, 45% and 60% of the article. */
const SHARES = [0, 1 / 3, 0.45, 0.6] as const;
const POSITIONS = ['start', 'middle', 'end'] as const;
const MIN_PARAGRAPHS = 6;

const INTROS = [
  'Here is what we know so far about the stories making news today.',
  'Good morning. These are the stories our editors are following this morning.',
  'Catch up on the day: the main developments, in brief.',
];

function paragraphsOf(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Sentences of other articles, as an outlet's own intro and closing paragraphs. */
function ownTextPool(file: string): string[] {
  const truth = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { articleBody: string }>;
  return Object.keys(truth)
    .sort()
    .flatMap((key) => truth[key]!.articleBody.split(/(?<=[.!?])\s+/))
    .filter((sentence) => sentence.split(/\s+/).length >= 12);
}

function excerptRange(rng: Random, count: number, share: number): { start: number; length: number; at: string } {
  const length = share === 0 ? 2 + rng.int(2) : Math.max(2, Math.round(count * share));
  const at = rng.pick(POSITIONS);
  const start = at === 'start' ? 0 : at === 'end' ? count - length : Math.floor((count - length) / 2);
  return { start, length, at };
}

function lightEdits(rng: Random, paragraphs: string[]): string {
  let out = paragraphs;
  if (rng.chance(0.4)) out = alter.typos(rng, out);
  if (rng.chance(0.3)) out = alter.addParagraphs(rng, out);
  let text = alter.joinParagraphs(rng, out);
  if (rng.chance(0.5)) text = rng.chance(0.5) ? alter.straightQuotes(text) : alter.curlyQuotes(text);
  return text;
}

/** Each outlet's own paragraphs are its own: drawn without replacement from a shuffled pool. */
function ownParagraphs(pool: string[], count: number): string[] {
  if (pool.length < count) throw new RangeError('own-text pool exhausted');
  return pool.splice(0, count);
}

function excerptOf(rng: Random, source: LabelledDoc, share: number, pool: string[]): SuiteDoc {
  const parts = paragraphsOf(source.body);
  const { start, length, at } = excerptRange(rng, parts.length, share);
  const wrapper = 1 + rng.int(3);
  const before = rng.int(wrapper + 1);
  const body = [
    ...ownParagraphs(pool, before),
    ...parts.slice(start, start + length),
    ...ownParagraphs(pool, wrapper - before),
  ];
  return {
    id: `${source.id}-x`,
    title: source.title === '' ? '' : `Excerpt: ${source.title}`,
    body: lightEdits(rng, body),
    cluster: source.cluster!,
    story: source.story!,
    kind: 'excerpt',
    sources: [source.id],
    stories: [source.story!],
    share: length / parts.length,
    position: at as SuiteDoc['position'],
  };
}

function roundupOf(rng: Random, index: number, byStory: readonly LabelledDoc[][]): SuiteDoc {
  const count = 2 + rng.int(4);
  const stories = rng.shuffle(byStory).slice(0, count);
  const quoted = stories.map((docs) => rng.pick(docs));
  const body = [rng.pick(INTROS)];
  for (const source of quoted) {
    const parts = paragraphsOf(source.body);
    const length = Math.min(parts.length, 1 + rng.int(3));
    const start = rng.int(parts.length - length + 1);
    body.push(...parts.slice(start, start + length));
  }
  return {
    id: `roundup-${index}`,
    title: 'Morning briefing',
    body: lightEdits(rng, body),
    cluster: `roundup-${index}`,
    story: `roundup-${index}`,
    kind: 'roundup',
    sources: quoted.map((d) => d.id),
    stories: quoted.map((d) => d.story!),
  };
}

/** Originals, excerpts and roundups in one seeded arrival order. */
export function excerptSuite(options: ExcerptSuiteOptions = {}): SuiteDoc[] {
  const rng = new Random(options.seed ?? 20261203);
  const pool = rng.shuffle([...new Set(ownTextPool(BENCHMARK_FILE))]);
  const originals: SuiteDoc[] = JSON.parse(
    `[${readFileSync(options.file ?? ECBPLUS_FILE, 'utf8')
      .trim()
      .split('\n')
      .join(',')}]`,
  ).map((d: LabelledDoc) => ({
    ...d,
    title: d.title ?? '',
    cluster: d.id,
    kind: 'original',
    sources: [],
    stories: [d.story!],
  }));
  const docs: SuiteDoc[] = [...originals];
  let n = 0;
  for (const source of originals) {
    if (paragraphsOf(source.body).length < MIN_PARAGRAPHS) continue;
    docs.push(excerptOf(rng, source, SHARES[n++ % SHARES.length]!, pool));
  }
  const byStory = [...Map.groupBy(originals, (d) => d.story!).values()];
  for (let i = 0; i < (options.roundups ?? 80); i++) docs.push(roundupOf(rng, i, byStory));
  return rng.shuffle(docs);
}
