export { createEsClient, esNodeUrls, type Client, type EsClientOptions } from './client.ts';
export { indexNames, type IndexNames } from './index-names.ts';
export { ensureHistoryIndex, getArticleVersions } from './history-index.ts';
export {
  DEFAULT_INDEX_LAYOUT,
  indexLayoutOf,
  layoutSettings,
  replicaSettings,
  type IndexLayout,
} from './index-layout.ts';
export {
  loadTemplate,
  shippedTemplate,
  withClusterAnalysis,
  TEMPLATE_PATH,
  type ArticlesTemplate,
} from './template.ts';
export {
  chooseAnalysis,
  componentsToProbe,
  type AnalysisChoice,
  type AnalysisSettings,
  type AnalysisSupport,
  type ComponentDefinition,
} from './analysis-choice.ts';
export { probeAnalysisSupport } from './analysis-probe.ts';
export {
  ensureArticlesIndex,
  ensureArticlesIndexWithStatus,
  putArticlesTemplate,
  currentWriteIndex,
  resolveArticlesTemplate,
} from './ensure-index.ts';
// The document shape lives in contracts: the dedupe worker serialises it for the indexer.
export { toEsDocument, toEsSource, versionOf, type EsArticle, type EsSource } from '@newsflow/contracts';
export {
  searchArticles,
  getArticle,
  getCluster,
  countArticles,
  type SearchResult,
  type StoredArticle,
  type ClusterTimeline,
} from './query/search-articles.ts';
export { toArticleHit, totalOf, type ArticleHit, type ArticleGroup, type RawHit } from './query/hits.ts';
export {
  parseSearchParams,
  SearchParamsError,
  SearchParamsSchema,
  FLAG_NAMES,
  type SearchParams,
  type SearchFilters,
} from './query/search-params.ts';
export { buildSearchRequest, buildQuery, LIST_SOURCE_EXCLUDES } from './query/build-query.ts';
export {
  readIndexerHealth,
  parseIndexerHealth,
  indexerHealthKey,
  HEALTH_HEARTBEAT_MS,
  type IndexerHealth,
  type IndexerStatus,
  type HashReader,
} from './health.ts';
export { reindex, type ReindexOptions, type ReindexResult } from './reindex.ts';
export type { CopyStats } from './reindex-copy.ts';
export {
  createRelabelStore,
  migrateLegacyRelabels,
  relabelStoreKey,
  parseRelabel,
  type Relabel,
  type RelabelLevel,
  type RelabelStore,
  type RelabelRedis,
} from './relabel-store.ts';
export { levelFields, RELABEL_SEQ_FIELD, relabelFields, reconcileRelabels } from './relabel-apply.ts';
