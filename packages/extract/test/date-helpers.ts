// Shared by the date tests: a news page extracted at a fixed fetch time, and its publication day.
import type { Article } from '@newsflow/contracts';
import { extractArticle } from '../src/index.ts';
import { newsPage, paragraphs } from './helpers.ts';

const FETCHED = new Date('2024-03-10T12:00:00Z');

/** Five paragraphs of article text, so the page reads as an article. */
export const prose = paragraphs(5)
  .map((p) => `<p>${p}</p>`)
  .join('');

export function extractAt(body: string, head = '', lang = 'en'): Article {
  return extractArticle({ html: newsPage({ head, body, lang }), url: 'https://n.example/a', fetchedAt: FETCHED });
}

export function publishedDay(body: string, head = '', lang = 'en'): string | undefined {
  return extractAt(body, head, lang).publishedAt?.slice(0, 10);
}
