import type { ArticleDocument } from './jobs.ts';
import { languageFieldsOf } from './language-fields.ts';
import type { LanguageFields } from './language-fields.ts';

/**
 * The Elasticsearch shape of an article: flags become a keyword list so they filter like tags;
 * `storyKey` (storyId, else clusterId) lets results collapse by story without lumping together
 * every article that has no story; `mergeSeq` is the last cluster merge applied to the document,
 * `storyMergeSeq` the last story change (the dedupe stage's story store counts them apart).
 * The language fields (`body_lang.de`, …) hold a copy of the text for its language's analyzer.
 * It lives here because the dedupe worker serialises it for the indexer (see upsert-payload.ts).
 */
export type EsArticle = Omit<ArticleDocument, 'flags'> & {
  flags: string[];
  indexedAt: string;
  storyKey: string;
  mergeSeq?: number;
  storyMergeSeq?: number;
} & LanguageFields;

/** The stored shape before the indexer stamps the time Elasticsearch received it. */
export type EsSource = Omit<EsArticle, 'indexedAt'>;

export function toEsSource(document: ArticleDocument): EsSource {
  const flags = Object.entries(document.flags)
    .filter(([, on]) => on)
    .map(([name]) => name);
  return { ...document, flags, storyKey: document.storyId ?? document.clusterId, ...languageFieldsOf(document) };
}

export function toEsDocument(document: ArticleDocument, indexedAt = new Date()): EsArticle {
  return { ...toEsSource(document), indexedAt: indexedAt.toISOString() };
}

/** External version for a document: later fetches win, a replay of an older fetch never does. */
export function versionOf(document: Pick<ArticleDocument, 'fetchedAt'>): number {
  return Date.parse(document.fetchedAt);
}
