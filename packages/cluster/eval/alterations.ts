// What syndication does to a wire story, one function per alteration. Each takes paragraphs and
// returns paragraphs; whitespace and quote styles apply to the final text.
import type { Random } from './prng.ts';

export type Paragraphs = string[];

const AGENCY_LINES = [
  'Some information for this report was provided by The Associated Press, Reuters and Agence France-Presse.',
  '(Reporting by Jane Doe in London; Additional reporting by Tom Roe; Editing by Mark Heinrich)',
  'Copyright 2019 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  'Some information in this story came from Reuters.',
];

const LOCAL_PARAGRAPHS = [
  'Sign up for our morning newsletter to get the day\u2019s top stories delivered to your inbox before breakfast.',
  'Our newsroom will keep following this story and will update this page as soon as more details become available.',
  'Have a news tip? Contact our local desk by phone or email; we read every message, though we cannot reply to all of them.',
  'This article was originally published by a partner outlet and is republished here under a content-sharing agreement.',
];

export function reorder(rng: Random, paragraphs: Paragraphs): Paragraphs {
  if (paragraphs.length < 3) return [...paragraphs].reverse();
  const out = [...paragraphs];
  for (let swaps = 1 + rng.int(3); swaps > 0; swaps--) {
    const i = rng.int(out.length);
    const j = rng.int(out.length);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Keep the first `share` of the words, cutting the last kept paragraph mid-way. */
export function trim(paragraphs: Paragraphs, share: number): Paragraphs {
  const total = paragraphs.reduce((n, p) => n + p.split(/\s+/).length, 0);
  let budget = Math.max(1, Math.round(total * share));
  const out: Paragraphs = [];
  for (const paragraph of paragraphs) {
    if (budget <= 0) break;
    const words = paragraph.split(/\s+/);
    out.push(words.slice(0, budget).join(' '));
    budget -= words.length;
  }
  return out;
}

export function dropParagraph(rng: Random, paragraphs: Paragraphs): Paragraphs {
  if (paragraphs.length < 4) return paragraphs;
  const out = [...paragraphs];
  out.splice(1 + rng.int(out.length - 1), 1);
  return out;
}

export function addParagraphs(rng: Random, paragraphs: Paragraphs): Paragraphs {
  const out = [...paragraphs];
  out.push(rng.pick(AGENCY_LINES));
  if (rng.chance(0.5)) out.splice(rng.int(out.length + 1), 0, rng.pick(LOCAL_PARAGRAPHS));
  return out;
}

/** A photo caption built from the story's own words, as captions are. */
export function insertCaption(rng: Random, paragraphs: Paragraphs): Paragraphs {
  const words = paragraphs.join(' ').split(/\s+/);
  const start = rng.int(Math.max(1, words.length - 12));
  const caption = `FILE - ${words.slice(start, start + 6 + rng.int(8)).join(' ')}, pictured in an undated handout photo. (Photo: Staff)`;
  const out = [...paragraphs];
  out.splice(1 + rng.int(out.length), 0, caption);
  return out;
}

/** About one word in a hundred gets two letters swapped or one dropped. */
export function typos(rng: Random, paragraphs: Paragraphs): Paragraphs {
  return paragraphs.map((p) =>
    p
      .split(' ')
      .map((word) => {
        if (word.length < 4 || !rng.chance(0.01)) return word;
        const i = 1 + rng.int(word.length - 2);
        return rng.chance(0.5)
          ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
          : word.slice(0, i) + word.slice(i + 1);
      })
      .join(' '),
  );
}

export function header(rng: Random, title: string, paragraphs: Paragraphs): Paragraphs {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60);
  return [
    title,
    `2019${String(10 + rng.int(3))}${String(10 + rng.int(18))}`,
    `https://news.example.com/${rng.int(1e9)}/${slug}`,
    ...paragraphs,
  ];
}

export function straightQuotes(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2014/g, '--');
}

export function curlyQuotes(text: string): string {
  return text
    .replace(/(^|[\s(])"/g, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/'/g, '\u2019')
    .replace(/ - /g, ' \u2014 ');
}

/** Paragraph joins differ by site: blank lines, single newlines, CRLF, hard-wrapped lines. */
export function joinParagraphs(rng: Random, paragraphs: Paragraphs): string {
  switch (rng.int(4)) {
    case 0:
      return paragraphs.join('\n\n');
    case 1:
      return paragraphs.join('\n');
    case 2:
      return paragraphs.map((p) => `  ${p.replace(/ /g, () => (rng.chance(0.05) ? '  ' : ' '))}  `).join('\r\n\r\n');
    default:
      return paragraphs.map((p) => p.replace(/(.{1,72})(\s+|$)/g, '$1\n').trim()).join('\n\n');
  }
}
