import type { ArticleGroup, ArticleHit } from '@newsflow/search';

/** One outlet of a story: its domain, its site name when the page gave one, and its article count. */
export interface Outlet {
  domain: string;
  name?: string;
  articles: number;
}

interface Bucket {
  key: string;
  doc_count: number;
  name?: { buckets?: Array<{ key: string }> };
}

export function outletsOf(agg: unknown): Outlet[] {
  const buckets = (agg as { buckets?: Bucket[] } | undefined)?.buckets ?? [];
  return buckets.map((bucket) => {
    const name = bucket.name?.buckets?.[0]?.key;
    return { domain: bucket.key, ...(name ? { name } : {}), articles: bucket.doc_count };
  });
}

/** A min/max date aggregation as an ISO time, or null when no document had the field. */
export function timeAgg(agg: unknown): string | null {
  const value = (agg as { value?: number | null } | undefined)?.value;
  return typeof value === 'number' ? new Date(value).toISOString() : null;
}

/** The outlet a reader knows an article by: its site name, else its domain. */
export function outletOf(hit: ArticleHit): string {
  return hit.article.siteName ?? hit.article.domain ?? 'unknown outlet';
}

/** Distinct outlets of a search group's listed articles, top first. */
export function outletsOfGroup(group: ArticleGroup): string[] {
  return [...new Set([group.top, ...group.copies].map(outletOf))];
}
