import type { FastifyInstance } from 'fastify';
import { getArticle, getArticleVersions, searchArticles } from '@newsflow/search';
import type { ArticleGroup, Client, EsArticle, IndexNames, SearchParams, SearchResult } from '@newsflow/search';
import type { StageQueues } from '@newsflow/runtime';
import { hasTrace, readArticlePath } from '../article-path.ts';
import { errorSchema } from '../errors.ts';
import { outletsOfGroup } from '../stories/story-aggs.ts';
import { articleResponseSchema, articleVersionsSchema, searchResultSchema } from '../schemas.ts';
import { idParamsOf, pageQuery } from '../json-schema.ts';
import { replyError, routesTagged } from './declare-route.ts';

const list = { type: 'string', description: 'Comma-separated values' } as const;

export const searchQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 500, description: 'Words, "phrases", -exclusions, OR' },
    from: { type: 'string', description: 'Published on or after (ISO date or date-time)' },
    to: { type: 'string', description: 'Published on or before (ISO date or date-time)' },
    domain: list,
    language: list,
    flags: { ...list, description: 'paywall, jsShell, blocked, notArticle; "-name" excludes' },
    collapse: {
      type: 'string',
      enum: ['story', 'cluster', 'none'],
      default: 'story',
      description: 'story: one hit per story (default); cluster: per copy cluster; none: every article',
    },
    ...pageQuery,
  },
} as const;

const idParams = idParamsOf('^[\\w.:-]{1,128}$');

const searchDoc = {
  summary: 'Search articles, one result per story (collapse=none for every article)',
  querystring: searchQuerySchema,
  response: { 200: searchResultSchema, 400: errorSchema },
};

const articleAnswers = { 200: articleResponseSchema, 404: errorSchema };

const versionsDoc = {
  summary: 'Every version of an article that re-crawls found, oldest first, each with what it changed',
  params: idParams,
  response: { 200: articleVersionsSchema, 404: errorSchema },
};

export interface SearchDeps {
  elasticsearch: Client;
  names: IndexNames;
  queues: StageQueues;
}

export function registerSearchRoutes(app: FastifyInstance, deps: SearchDeps): void {
  const { elasticsearch, names, queues } = deps;
  const route = routesTagged(app, 'search');
  route.get('/api/search', searchDoc, async (request) => {
    const params = toSearchParams(request.query as Record<string, unknown>);
    return withOutlets(await searchArticles(elasticsearch, names, params));
  });
  route.get(
    '/api/articles/:id',
    { summary: 'An article and its path through the stages', params: idParams, response: articleAnswers },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const stored = await getArticle(elasticsearch, names, id);
      const path = await readArticlePath(queues, id, stored?.article);
      if (!stored && !hasTrace(path))
        return replyError(reply, 404, `no article ${id}: not indexed and no job in any queue`);
      return { docId: id, article: stored?.article ?? null, path };
    },
  );
  route.get('/api/articles/:id/versions', versionsDoc, async (request, reply) => {
    const { id } = request.params as { id: string };
    const [stored, earlier] = await Promise.all([
      getArticle(elasticsearch, names, id),
      getArticleVersions(elasticsearch, names, id),
    ]);
    if (!stored) return replyError(reply, 404, `no article ${id} is indexed`);
    return { docId: id, versions: [...earlier, currentVersionOf(id, stored.article)] };
  });
}

/** The indexed document as the last entry of its version list. */
function currentVersionOf(docId: string, article: EsArticle) {
  const { url, title, subtitle, body, wordCount, fetchedAt, changes } = article;
  return {
    docId,
    version: article.version ?? 1,
    url,
    title,
    subtitle,
    body,
    wordCount,
    fetchedAt,
    changes,
    current: true,
  };
}

/** Each group names the outlets of the articles it lists, so clients need not work it out. */
function withOutlets(result: SearchResult): SearchResult & { groups: Array<ArticleGroup & { outlets: string[] }> } {
  const groups = result.groups.map((group) => ({ ...group, outlets: outletsOfGroup(group) }));
  return { ...result, groups };
}

/** Query-string values arrive as strings; lists are comma-separated. */
export function toSearchParams(query: Record<string, unknown>): SearchParams {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    params[key] = ['domain', 'language', 'flags'].includes(key)
      ? String(value)
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value;
  }
  return params as SearchParams;
}
