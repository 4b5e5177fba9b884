import type { Client } from '@elastic/elasticsearch';
import type { IndexNames } from '../index-names.ts';
import { LANGUAGE_FIELDS } from '@newsflow/contracts';
import type { EsArticle } from '@newsflow/contracts';
import { buildQuery, buildSearchRequest, LIST_SOURCE_EXCLUDES } from './build-query.ts';
import { toArticleGroup, toArticleHit, totalOf } from './hits.ts';
import type { ArticleGroup, ArticleHit, RawHit } from './hits.ts';
import { parseSearchParams } from './search-params.ts';
import type { SearchFilters, SearchParams } from './search-params.ts';

export interface SearchResult {
  /** Matching documents (every copy counts). */
  total: number;
  /** Matching groups (clusters or stories); equals `total` when not collapsed. */
  totalGroups: number;
  page: number;
  size: number;
  /** One group per cluster/story (or per hit with collapse 'none'), in result order. */
  groups: ArticleGroup[];
  /** The top hit of each group, in result order. */
  hits: ArticleHit[];
}

type SearchRequest = Parameters<Client['search']>[0];

/**
 * Full-text search over the read alias. Throws SearchParamsError for invalid params. Without `q`
 * the newest articles come first; collapse defaults to 'cluster'.
 */
export async function searchArticles(
  client: Client,
  names: IndexNames,
  params: SearchParams = {},
): Promise<SearchResult> {
  const valid = parseSearchParams(params);
  const body = buildSearchRequest(valid) as Omit<NonNullable<SearchRequest>, 'index'>;
  const response = await client.search({ index: names.readAlias, ...body });
  const rawHits = response.hits.hits as RawHit[];
  const groups =
    valid.collapse === 'none'
      ? rawHits.map((hit) => ({ ...toArticleGroup(hit), copies: [] }))
      : rawHits.map(toArticleGroup);
  const total = totalOf(response.hits.total);
  const cardinality = (response.aggregations?.groups as { value?: number } | undefined)?.value;
  return {
    total,
    totalGroups: cardinality ?? total,
    page: valid.page,
    size: valid.size,
    groups,
    hits: groups.map((group) => group.top),
  };
}

export interface StoredArticle {
  docId: string;
  article: EsArticle;
  /** Elasticsearch `_version`: the fetch time in ms, plus one per relabel since. */
  version: number | undefined;
}

/** One article with its full body by docId, or null when it isn't indexed. */
export async function getArticle(client: Client, names: IndexNames, docId: string): Promise<StoredArticle | null> {
  if (!/^[\w-]{1,128}$/.test(docId)) return null;
  const response = await client.search<EsArticle>({
    index: names.readAlias,
    query: { ids: { values: [docId] } },
    size: 1,
    version: true,
    // the stored article as written; its language fields are copies of its text
    _source: { excludes: LANGUAGE_FIELDS },
  });
  const hit = response.hits.hits[0];
  if (!hit?._source) return null;
  return { docId: hit._id ?? docId, article: hit._source, version: hit._version };
}

export interface ClusterTimeline {
  clusterId: string;
  total: number;
  /** Articles of the cluster by publication time, oldest first (at most `limit`). */
  articles: ArticleHit[];
}

/** Every article of a cluster sorted by publishedAt, for a timeline. */
export async function getCluster(
  client: Client,
  names: IndexNames,
  clusterId: string,
  limit = 200,
): Promise<ClusterTimeline> {
  const size = Math.max(1, Math.min(Math.trunc(limit) || 1, 1000));
  const response = await client.search({
    index: names.readAlias,
    query: { term: { clusterId } },
    size,
    track_total_hits: true,
    _source: { excludes: LIST_SOURCE_EXCLUDES },
    sort: [{ publishedAt: { order: 'asc', missing: '_last' } }, { fetchedAt: 'asc' }],
  });
  return {
    clusterId,
    total: totalOf(response.hits.total),
    articles: (response.hits.hits as RawHit[]).map(toArticleHit),
  };
}

/** Number of documents matching the same filters searchArticles takes (all documents without any). */
export async function countArticles(client: Client, names: IndexNames, filters: SearchFilters = {}): Promise<number> {
  const valid = parseSearchParams(pickFilters(filters));
  const response = await client.count({ index: names.readAlias, query: buildQuery(valid) });
  return response.count;
}

function pickFilters(filters: SearchFilters): SearchFilters {
  const keys = ['q', 'from', 'to', 'domain', 'language', 'flags'] as const;
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (filters[key] !== undefined) picked[key] = filters[key];
  return picked as SearchFilters;
}
