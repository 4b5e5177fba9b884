import type { EsArticle } from '@newsflow/contracts';

/** One article as returned to callers: its id, relevance, stored fields and highlighted snippets. */
export interface ArticleHit {
  docId: string;
  score: number | null;
  /** Stored fields; `body` is left out of result lists (see `highlight.body` for snippets). */
  article: Partial<EsArticle>;
  /** HTML-escaped snippets with matches wrapped in <mark>…</mark>. */
  highlight: { title?: string; body?: string[] };
}

export interface ArticleGroup {
  clusterId: string;
  storyId?: string;
  /** The collapse key of stories: storyId, else clusterId (see EsArticle). */
  storyKey: string;
  /** Matching articles in the group (inner hits' total); `copies` holds at most the first few. */
  matches: number;
  /** The best hit of the group. */
  top: ArticleHit;
  /** The other copies of the same cluster (or story), oldest first. */
  copies: ArticleHit[];
}

export interface RawHit {
  _id?: string | null;
  _score?: number | null;
  _source?: unknown;
  highlight?: Record<string, string[]>;
  inner_hits?: Record<string, { hits: { hits: RawHit[]; total?: number | { value: number } } }>;
}

export function toArticleHit(hit: RawHit): ArticleHit {
  const article = (hit._source ?? {}) as Partial<EsArticle>;
  const highlight: ArticleHit['highlight'] = {};
  const title = hit.highlight?.title?.[0];
  if (title !== undefined) highlight.title = title;
  if (hit.highlight?.body) highlight.body = hit.highlight.body;
  return { docId: hit._id ?? article.docId ?? '', score: hit._score ?? null, article, highlight };
}

/** A group from a collapsed hit: the hit itself on top, the inner hits except itself as copies. */
export function toArticleGroup(hit: RawHit): ArticleGroup {
  const top = toArticleHit(hit);
  const inner = hit.inner_hits?.copies?.hits.hits ?? [];
  const copies = inner.filter((copy) => copy._id !== hit._id).map(toArticleHit);
  const clusterId = top.article.clusterId ?? '';
  const storyKey = top.article.storyKey ?? top.article.storyId ?? clusterId;
  const matches = hit.inner_hits?.copies ? totalOf(hit.inner_hits.copies.hits.total) : 1;
  const group: ArticleGroup = { clusterId, storyKey, matches, top, copies };
  if (top.article.storyId !== undefined) group.storyId = top.article.storyId;
  return group;
}

export function totalOf(total: number | { value: number } | undefined): number {
  return typeof total === 'number' ? total : (total?.value ?? 0);
}
