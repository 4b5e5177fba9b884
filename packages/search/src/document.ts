import type { ArticleDocument } from '@newsflow/contracts';

/**
 * The Elasticsearch shape of an article: flags become a keyword list so they filter like tags;
 * `storyKey` (storyId, else clusterId) lets results collapse by story without lumping together
 * every article that has no story; `mergeSeq` is the last cluster merge applied to the document.
 */
export type EsArticle = Omit<ArticleDocument, 'flags'> & { flags: string[]; indexedAt: string; storyKey: string; mergeSeq?: number };

export function toEsDocument(document: ArticleDocument, indexedAt = new Date()): EsArticle {
  const flags = Object.entries(document.flags).filter(([, on]) => on).map(([name]) => name);
  return { ...document, flags, storyKey: document.storyId ?? document.clusterId, indexedAt: indexedAt.toISOString() };
}

/** External version for a document: later fetches win, a replay of an older fetch never does. */
export function versionOf(document: Pick<ArticleDocument, 'fetchedAt'>): number {
  return Date.parse(document.fetchedAt);
}
