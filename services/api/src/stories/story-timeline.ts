import { LIST_SOURCE_EXCLUDES, toArticleHit, totalOf } from '@newsflow/search';
import type { ArticleHit, Client, IndexNames, RawHit } from '@newsflow/search';
import { outletsOf, timeAgg } from './story-aggs.ts';
import type { Outlet } from './story-aggs.ts';

/** Story ids as the API accepts them (storyId or clusterId values): checked before any query. */
export const STORY_ID_PATTERN = '^[\\w.:~-]{1,128}$';
const STORY_ID = new RegExp(STORY_ID_PATTERN);

export interface StoryTimeline {
  storyId: string;
  /** Articles in the story (all of them; `articles` holds at most the first `limit`). */
  total: number;
  /** When Newsflow indexed the story's first article, and its latest one. */
  firstSeen: string | null;
  lastUpdated: string | null;
  outlets: Outlet[];
  /** Oldest first by publication time; articles without one come last, by fetch time. */
  articles: ArticleHit[];
}

/**
 * One story by its key (`storyKey`: the storyId the dedupe stage assigned, or the copy cluster's id
 * for documents without one), with its articles in time order. Null for an id no article carries.
 */
export async function getStory(
  client: Client,
  names: IndexNames,
  storyId: string,
  limit = 200,
): Promise<StoryTimeline | null> {
  if (!STORY_ID.test(storyId)) return null;
  const response = await client.search({
    index: names.readAlias,
    query: { term: { storyKey: storyId } },
    size: Math.max(1, Math.min(Math.trunc(limit) || 1, 1000)),
    track_total_hits: true,
    _source: { excludes: LIST_SOURCE_EXCLUDES },
    sort: [{ publishedAt: { order: 'asc', missing: '_last' } }, { fetchedAt: 'asc' }],
    aggs: {
      firstSeen: { min: { field: 'indexedAt' } },
      lastUpdated: { max: { field: 'indexedAt' } },
      outlets: { terms: { field: 'domain', size: 200 }, aggs: { name: { terms: { field: 'siteName', size: 1 } } } },
    },
  });
  const total = totalOf(response.hits.total);
  if (total === 0) return null;
  const articles = (response.hits.hits as RawHit[]).map(toArticleHit);
  const aggs = response.aggregations as Record<string, unknown> | undefined;
  return {
    storyId,
    total,
    firstSeen: timeAgg(aggs?.firstSeen),
    lastUpdated: timeAgg(aggs?.lastUpdated),
    outlets: outletsOf(aggs?.outlets),
    articles,
  };
}
