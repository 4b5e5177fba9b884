// The document shape is shared with the dedupe worker, which serialises it for the indexer.
export { toEsDocument, toEsSource, versionOf } from '@newsflow/contracts';
export type { EsArticle, EsSource } from '@newsflow/contracts';
