import { siteStyle } from './chrome.ts';
import type { Teaser } from './chrome.ts';
import { seededRandom, shuffle } from './random.ts';
import type { Random } from './random.ts';
import { loadSourcePages } from './source-pages.ts';
import type { SourcePages } from './source-pages.ts';
import { distinctStory, realStory, syndicatedCopy } from './stories.ts';
import type { Story } from './stories.ts';

/** One URL of the corpus: a real page as fetched, or a story (original or syndicated copy) in a host's chrome. */
export type CorpusEntry =
  { kind: 'real'; host: number; page: number } | { kind: 'story'; host: number; group: number; copy: number };

export interface CorpusPlan {
  entries: CorpusEntry[];
  hostCount: number;
  /** stories with at least one syndicated copy, and copies in all */
  syndicatedGroups: number;
  copies: number;
  /** each group's headline and opening words, kept for slugs and sidebar teasers */
  headlines: Array<{ title: string; lead: string }>;
}

export interface PlanOptions {
  urls: number;
  hosts: number;
  seed?: number;
}

const REAL_SHARE = 668 / 20_000;

/**
 * The corpus at a given size, deterministically: every real page once (a proportional share at
 * small sizes), then story groups — a distinct text (or a benchmark article's gold text) and 0–4
 * syndicated copies on other hosts — until `urls` entries; then shuffled, so hosts interleave.
 */
export function planCorpus(options: PlanOptions, sources: SourcePages = loadSourcePages()): CorpusPlan {
  const random = seededRandom(options.seed ?? 1);
  const realCount = Math.min(sources.realPages.length, Math.round(options.urls * REAL_SHARE));
  const entries: CorpusEntry[] = Array.from({ length: realCount }, (_, i) => ({
    kind: 'real' as const,
    host: random.below(options.hosts),
    page: Math.floor((i * sources.realPages.length) / realCount),
  }));
  let group = 0;
  let syndicatedGroups = 0;
  while (entries.length < options.urls) {
    const members = Math.min(copiesInGroup(random), options.urls - entries.length);
    const host = random.below(options.hosts);
    for (let copy = 0; copy < members; copy++) {
      const other = copy === 0 ? host : (host + 1 + random.below(Math.max(1, options.hosts - 1))) % options.hosts;
      entries.push({ kind: 'story', host: other, group, copy });
    }
    if (members > 1) syndicatedGroups++;
    group++;
  }
  const copies = entries.filter((entry) => entry.kind === 'story' && entry.copy > 0).length;
  const headlines = Array.from({ length: Math.max(group, 1) }, (_, g) => {
    const story = storyOfGroup(g, sources);
    return { title: story.title, lead: story.paragraphs[0]?.slice(0, 160) ?? '' };
  });
  return { entries: shuffle(entries, random), hostCount: options.hosts, syndicatedGroups, copies, headlines };
}

function copiesInGroup(random: Random): number {
  const roll = random.next();
  return roll < 0.65 ? 1 : roll < 0.85 ? 2 : roll < 0.95 ? 3 : 5;
}

/** Every tenth story group (while they last) republishes a benchmark article's gold text. */
export function storyOfGroup(group: number, sources: SourcePages = loadSourcePages()): Story {
  const gold = group % 10 === 3 ? sources.texts[Math.floor(group / 10)] : undefined;
  return gold ? realStory(group, gold) : distinctStory(group, sources.texts);
}

export function storyOf(entry: Extract<CorpusEntry, { kind: 'story' }>): Story {
  const story = storyOfGroup(entry.group);
  return entry.copy === 0 ? story : syndicatedCopy(story, entry.copy);
}

export function pathOf(plan: CorpusPlan, index: number): string {
  const entry = plan.entries[index] as CorpusEntry;
  const sections = siteStyle(entry.host).sections;
  const section = sections[index % sections.length] ?? 'news';
  const slug = entry.kind === 'real' ? 'page' : slugOf(plan.headlines[entry.group]?.title ?? '');
  return `/${section}/${slug}-${index}.html`;
}

/** Headlines of other stories, for the sidebars. */
export function teasersFor(index: number, plan: CorpusPlan): Teaser[] {
  return [1, 2, 3, 5, 8, 13].map((step) => {
    const group = (index * 3 + step) % plan.headlines.length;
    const { title, lead } = plan.headlines[group] ?? { title: '', lead: '' };
    return { title, href: `/${slugOf(title)}-${group}`, summary: lead };
  });
}

function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'story'
  );
}
