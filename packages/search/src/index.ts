export { createEsClient, esNodeUrls } from './client.ts';
export type { Client, EsClientOptions } from './client.ts';
export { indexNames } from './index-names.ts';
export { DEFAULT_INDEX_LAYOUT, indexLayoutOf, layoutSettings, replicaSettings } from './index-layout.ts';
export type { IndexLayout } from './index-layout.ts';
export type { IndexNames } from './index-names.ts';
export { loadTemplate, shippedTemplate, withClusterAnalysis, TEMPLATE_PATH } from './template.ts';
export { chooseAnalysis, componentsToProbe } from './analysis-choice.ts';
export type { AnalysisChoice, AnalysisSettings, AnalysisSupport, ComponentDefinition } from './analysis-choice.ts';
export { probeAnalysisSupport } from './analysis-probe.ts';
export type { ArticlesTemplate } from './template.ts';
export {
  ensureArticlesIndex,
  ensureArticlesIndexWithStatus,
  putArticlesTemplate,
  currentWriteIndex,
  resolveArticlesTemplate,
} from './ensure-index.ts';
// The document shape lives in contracts: the dedupe worker serialises it for the indexer.
export { toEsDocument, toEsSource, versionOf } from '@newsflow/contracts';
export type { EsArticle, EsSource } from '@newsflow/contracts';
export { searchArticles, getArticle, getCluster, countArticles } from './query/search-articles.ts';
export type { SearchResult, StoredArticle, ClusterTimeline } from './query/search-articles.ts';
export type { ArticleHit, ArticleGroup, RawHit } from './query/hits.ts';
export { toArticleHit, totalOf } from './query/hits.ts';
export { parseSearchParams, SearchParamsError, SearchParamsSchema, FLAG_NAMES } from './query/search-params.ts';
export type { SearchParams, SearchFilters } from './query/search-params.ts';
export { buildSearchRequest, buildQuery, LIST_SOURCE_EXCLUDES } from './query/build-query.ts';
export { readIndexerHealth, parseIndexerHealth, indexerHealthKey, HEALTH_HEARTBEAT_MS } from './health.ts';
export type { IndexerHealth, IndexerStatus, HashReader } from './health.ts';
export { reindex } from './reindex.ts';
export type { ReindexOptions, ReindexResult } from './reindex.ts';
export type { CopyStats } from './reindex-copy.ts';
export { createRelabelStore, migrateLegacyRelabels, relabelStoreKey, parseRelabel } from './relabel-store.ts';
export type { Relabel, RelabelLevel, RelabelStore, RelabelRedis } from './relabel-store.ts';
export { levelFields, RELABEL_SEQ_FIELD, relabelFields, reconcileRelabels } from './relabel-apply.ts';
