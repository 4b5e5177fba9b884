import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEED_DIR = join(import.meta.dirname, '../articles');

interface ManifestPage {
  file: string;
  slug: string;
  siteName: string;
  author: string;
  publishedAt?: string;
  headerLines?: Array<'title' | 'date' | 'url'>;
  chromeLines: string[];
  leadCaption?: string;
  inlineCaption?: string;
}

/** A seed article as the seed site publishes it, and the clean body the pipeline must recover. */
export interface SeedArticle {
  slug: string;
  siteName: string;
  author: string;
  title: string;
  publishedAt: string;
  originalUrl?: string;
  leadCaption?: string;
  inlineCaption?: string;
  /** The page's content in order: paragraphs and photos (a photo's caption is printed twice, as on real pages). */
  blocks: SeedBlock[];
  /** Body paragraphs in page order, without title, chrome or captions: what extraction must return. */
  paragraphs: string[];
}

export type SeedBlock = { kind: 'paragraph'; text: string } | { kind: 'photo'; caption: string };

export function loadSeedArticles(dir = SEED_DIR): SeedArticle[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: ManifestPage[] };
  const parsed = manifest.pages.map((page) => ({ page, lines: readLines(join(dir, page.file)) }));
  const headerTitle = parsed.map(({ page, lines }) => readHeader(page, lines).title).find(Boolean);
  return parsed.map(({ page, lines }) => toSeedArticle(page, lines, headerTitle));
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function readHeader(
  page: ManifestPage,
  lines: string[],
): { title?: string; date?: string; url?: string; rest: string[] } {
  const fields = page.headerLines ?? [];
  const header = Object.fromEntries(fields.map((field, index) => [field, lines[index]]));
  return { ...header, rest: lines.slice(fields.length) };
}

function toSeedArticle(page: ManifestPage, lines: string[], sharedTitle: string | undefined): SeedArticle {
  const header = readHeader(page, lines);
  const title = header.title ?? sharedTitle ?? '';
  const content = header.rest.filter((line) => line !== title && !page.chromeLines.includes(line));
  const blocks = toBlocks(content, new Set([page.leadCaption, page.inlineCaption].filter((c) => c !== undefined)));
  const paragraphs = blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));
  return {
    slug: page.slug,
    siteName: page.siteName,
    author: page.author,
    title,
    publishedAt: page.publishedAt ?? isoFromCompactDate(header.date),
    originalUrl: header.url,
    leadCaption: page.leadCaption,
    inlineCaption: page.inlineCaption,
    blocks,
    paragraphs,
  };
}

/** Lines become paragraphs, caption lines become one photo each (a caption repeated right away is the same photo). */
function toBlocks(lines: string[], captions: Set<string>): SeedBlock[] {
  const blocks: SeedBlock[] = [];
  for (const line of lines) {
    const previous = blocks.at(-1);
    if (!captions.has(line)) blocks.push({ kind: 'paragraph', text: line });
    else if (previous?.kind !== 'photo' || previous.caption !== line) blocks.push({ kind: 'photo', caption: line });
  }
  return blocks;
}

/** "20211204" → "2021-12-04T12:00:00Z" (the header has no time: noon UTC keeps the day in every zone nearby). */
function isoFromCompactDate(compact: string | undefined): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(compact ?? '');
  if (!match) throw new Error(`seed header date ${JSON.stringify(compact)} is not YYYYMMDD`);
  return `${match[1]}-${match[2]}-${match[3]}T12:00:00Z`;
}
