import type { Client, IndexNames } from '@newsflow/search';
import { timeAgg } from './story-aggs.ts';

/** Deepest page the listing serves: the terms aggregation gathers page × size buckets before sorting. */
export const MAX_STORY_WINDOW = 10_000;

export interface RecentStoriesQuery {
  /** ISO time: stories with an article indexed at or after it. */
  since: string;
  page: number;
  size: number;
}

export interface RecentStory {
  storyId: string;
  /** Articles indexed since `since`. */
  added: number;
  /** Articles in the whole story, and its outlets (distinct domains). */
  total: number;
  outlets: number;
  firstSeen: string | null;
  lastUpdated: string | null;
  /** The story's earliest article, for a headline. */
  first: { docId: string; title?: string; url?: string; siteName?: string; domain?: string; publishedAt?: string };
}

export interface RecentStories {
  since: string;
  /** Stories that grew since `since` (approximate above 3,000: a cardinality count). */
  total: number;
  page: number;
  size: number;
  stories: RecentStory[];
}

interface GrowthBucket {
  key: string;
  doc_count: number;
}

/**
 * Stories that grew since a time, the most recently grown first: a terms aggregation on storyKey
 * over indexedAt ≥ since, ordered by each story's latest indexedAt, page × size buckets; then
 * one more request for the page's stories as a whole (size, outlets, first article).
 */
export async function listRecentStories(
  client: Client,
  names: IndexNames,
  query: RecentStoriesQuery,
): Promise<RecentStories> {
  const response = await client.search({
    index: names.readAlias,
    size: 0,
    query: { range: { indexedAt: { gte: query.since } } },
    aggs: {
      count: { cardinality: { field: 'storyKey' } },
      grown: {
        terms: { field: 'storyKey', size: query.page * query.size, order: { latest: 'desc' } },
        aggs: { latest: { max: { field: 'indexedAt' } } },
      },
    },
  });
  const aggs = response.aggregations as { count?: { value: number }; grown?: { buckets: GrowthBucket[] } };
  // The page is cut here: bucket_sort lives in a module minimal distributions leave out.
  const grown = (aggs.grown?.buckets ?? []).slice((query.page - 1) * query.size);
  const wholes = await wholeStories(
    client,
    names,
    grown.map((bucket) => bucket.key),
  );
  const stories = grown.flatMap((bucket) => {
    const whole = wholes.get(bucket.key);
    return whole ? [{ ...whole, storyId: bucket.key, added: bucket.doc_count }] : [];
  });
  return { since: query.since, total: aggs.count?.value ?? 0, page: query.page, size: query.size, stories };
}

type WholeStory = Omit<RecentStory, 'storyId' | 'added'>;

interface WholeBucket {
  key: string;
  doc_count: number;
  outlets: { value: number };
  firstSeen: unknown;
  lastUpdated: unknown;
  first: { hits: { hits: Array<{ _id?: string; _source?: RecentStory['first'] }> } };
}

async function wholeStories(client: Client, names: IndexNames, keys: string[]): Promise<Map<string, WholeStory>> {
  if (keys.length === 0) return new Map();
  const response = await client.search({
    index: names.readAlias,
    size: 0,
    query: { terms: { storyKey: keys } },
    aggs: {
      stories: {
        terms: { field: 'storyKey', size: keys.length },
        aggs: {
          outlets: { cardinality: { field: 'domain' } },
          firstSeen: { min: { field: 'indexedAt' } },
          lastUpdated: { max: { field: 'indexedAt' } },
          first: {
            top_hits: {
              size: 1,
              sort: [{ publishedAt: { order: 'asc', missing: '_last' } }, { fetchedAt: 'asc' }],
              _source: { includes: ['title', 'url', 'siteName', 'domain', 'publishedAt'] },
            },
          },
        },
      },
    },
  });
  const buckets = (response.aggregations as { stories?: { buckets: WholeBucket[] } }).stories?.buckets ?? [];
  return new Map(buckets.map((bucket) => [bucket.key, wholeOf(bucket)]));
}

function wholeOf(bucket: WholeBucket): WholeStory {
  const hit = bucket.first.hits.hits[0];
  return {
    total: bucket.doc_count,
    outlets: bucket.outlets.value,
    firstSeen: timeAgg(bucket.firstSeen),
    lastUpdated: timeAgg(bucket.lastUpdated),
    first: { docId: hit?._id ?? '', ...hit?._source },
  };
}
