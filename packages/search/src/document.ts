import type { ArticleDocument } from '@newsflow/contracts';

/** The Elasticsearch shape of an article: flags become a keyword list so they filter like tags. */
export type EsArticle = Omit<ArticleDocument, 'flags'> & { flags: string[]; indexedAt: string };

export function toEsDocument(document: ArticleDocument, indexedAt = new Date()): EsArticle {
  const flags = Object.entries(document.flags).filter(([, on]) => on).map(([name]) => name);
  return { ...document, flags, indexedAt: indexedAt.toISOString() };
}

/** External version for a document: later fetches win, a replay of an older fetch never does. */
export function versionOf(document: Pick<ArticleDocument, 'fetchedAt'>): number {
  return Date.parse(document.fetchedAt);
}
