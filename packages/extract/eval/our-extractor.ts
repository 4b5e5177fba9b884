// Our extractor as the evaluation calls it, on each set's input shape.
import { extractArticle } from '../src/extract-article.ts';
import type { MultilingualPage } from './multilingual-dataset.ts';
import type { Extracted } from './snippet-metric.ts';

export function ourExtractor(html: string, url: string): string {
  return extractArticle({ html, url, fetchedAt: new Date() }).body;
}

/** The multilingual pages go in as the raw bytes the fetcher would hand over (we decode them). */
export function ourPageExtractor(page: MultilingualPage): Extracted {
  const a = extractArticle({ html: page.bytes, url: page.url, fetchedAt: new Date() });
  return { title: a.title, body: a.body, authors: a.authors, published: a.publishedAt, language: a.language };
}
