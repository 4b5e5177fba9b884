import type { Random } from './random.ts';
import { seededRandom } from './random.ts';
import type { SourceText } from './source-pages.ts';

/** The text one page carries, before chrome. */
export interface Story {
  title: string;
  paragraphs: string[];
  author: string;
  publishedAt: string;
}

const AUTHORS = ['Maria Jensen', 'Tom Okafor', 'Li Wei', 'Ana Souza', 'Jonas Berg', 'Priya Nair', 'Staff reporter'];

/**
 * A distinct text: 6–12 paragraphs, each a real paragraph with one sentence of another spliced in,
 * drawn from the whole pool, so two stories share almost no 5-word shingles and dedupe must tell
 * them apart. The title is the lead sentence's opening words.
 */
export function distinctStory(id: number, pool: readonly SourceText[]): Story {
  const random = seededRandom(id * 7919 + 17);
  const count = 6 + random.below(7);
  const paragraphs = Array.from({ length: count }, () => splice(randomParagraph(pool, random), random, pool));
  const words = (paragraphs[0] ?? 'Untitled story').split(/\s+/).slice(0, 6 + random.below(6));
  return { title: words.join(' ').replace(/[,.;:]+$/, ''), paragraphs, ...byline(random) };
}

/** A real article's gold text (the benchmark's), republished. */
export function realStory(id: number, text: SourceText): Story {
  return { title: text.title, paragraphs: text.paragraphs, ...byline(seededRandom(id + 3)) };
}

/**
 * A syndicated copy as partners publish one (compare the two seed copies): the same text, a pair
 * of paragraphs swapped, the tail trimmed, sometimes a paragraph's last sentence dropped.
 */
export function syndicatedCopy(story: Story, copy: number): Story {
  const random = seededRandom(copy * 104729 + story.paragraphs.length);
  const paragraphs = [...story.paragraphs];
  const swapAt = 1 + random.below(Math.max(1, paragraphs.length - 2));
  if (swapAt + 1 < paragraphs.length)
    [paragraphs[swapAt], paragraphs[swapAt + 1]] = [paragraphs[swapAt + 1] as string, paragraphs[swapAt] as string];
  const keep = Math.max(3, paragraphs.length - random.below(3));
  const trimmed = paragraphs.slice(0, keep);
  const cut = random.below(trimmed.length);
  trimmed[cut] = dropLastSentence(trimmed[cut] as string);
  return { ...story, paragraphs: trimmed, author: random.pick(AUTHORS) };
}

function randomParagraph(pool: readonly SourceText[], random: Random): string {
  const text = random.pick(pool);
  return random.pick(text.paragraphs);
}

function splice(paragraph: string, random: Random, pool: readonly SourceText[]): string {
  const other = sentencesOf(randomParagraph(pool, random));
  const own = sentencesOf(paragraph);
  own.splice(random.below(own.length + 1), 0, random.pick(other));
  return own.join(' ');
}

function sentencesOf(paragraph: string): string[] {
  return paragraph.match(/[^.!?]+[.!?]+["”’)]?|[^.!?]+$/g)?.map((sentence) => sentence.trim()) ?? [paragraph];
}

function dropLastSentence(paragraph: string): string {
  const sentences = sentencesOf(paragraph);
  return sentences.length > 1 ? sentences.slice(0, -1).join(' ') : paragraph;
}

function byline(random: Random): { author: string; publishedAt: string } {
  const day = new Date(Date.UTC(2025, 0, 1) + random.below(300) * 86_400_000 + random.below(86_400) * 1000);
  return { author: random.pick(AUTHORS), publishedAt: day.toISOString() };
}
