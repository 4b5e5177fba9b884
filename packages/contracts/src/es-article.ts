import type { VersionChange } from './article-versions.ts';
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
export type EsArticle = Omit<ArticleDocument, 'flags' | 'recrawl'> & {
  flags: string[];
  indexedAt: string;
  storyKey: string;
  mergeSeq?: number;
  storyMergeSeq?: number;
  /** Which version of the article this is (absent: the first); the earlier ones are in the history index. */
  version?: number;
  /** The fetch time of the re-crawl that made this version (absent for the first). */
  updatedAt?: string;
  /** What changed from the previous version. */
  changes?: VersionChange;
} & LanguageFields;

/** The stored shape before the indexer stamps the time Elasticsearch received it. */
export type EsSource = Omit<EsArticle, 'indexedAt'>;

export function toEsSource(document: ArticleDocument): EsSource {
  // `recrawl` only routes the document (its job ids, the indexer's version check): it is not stored.
  const { recrawl: _recrawl, ...stored } = document;
  const flags = Object.entries(document.flags)
    .filter(([, on]) => on)
    .map(([name]) => name);
  return { ...stored, flags, storyKey: document.storyId ?? document.clusterId, ...languageFieldsOf(document) };
}

export function toEsDocument(document: ArticleDocument, indexedAt = new Date()): EsArticle {
  return { ...toEsSource(document), indexedAt: indexedAt.toISOString() };
}

/** External version for a document: later fetches win, a replay of an older fetch never does. */
export function versionOf(document: Pick<ArticleDocument, 'fetchedAt'>): number {
  return Date.parse(document.fetchedAt);
}
