import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SearchParamsError, getArticle, getArticleVersions, searchArticles } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { StageQueues } from '@newsflow/runtime';
import { hasTrace, readArticlePath } from '../article-path.ts';
import { describeError } from '../errors.ts';
import { articlePage } from '../pages/article-page.ts';
import { CONTENT_SECURITY_POLICY } from '../pages/layout.ts';
import { FLAG_CHOICES, searchPage } from '../pages/search-page.ts';
import type { SearchForm } from '../pages/search-page.ts';
import { errorPage, notFoundPage, storyPage } from '../pages/story-page.ts';
import { getStory } from '../stories/story-timeline.ts';

const ASSETS = join(import.meta.dirname, '../pages/assets');
const PAGE_SIZE = 10;

/** The human front end: server-rendered pages under a strict CSP, one script and one stylesheet. */
export function registerPageRoutes(
  app: FastifyInstance,
  elasticsearch: Client,
  names: IndexNames,
  queues: StageQueues,
): void {
  const script = readFileSync(join(ASSETS, 'app.js'), 'utf8');
  const style = readFileSync(join(ASSETS, 'app.css'), 'utf8');
  const hide = { schema: { hide: true } };
  app.get('/assets/app.js', hide, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
  );
  app.get('/assets/app.css', hide, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(style),
  );
  app.get(
    '/',
    hide,
    asPage(async (request, reply) => {
      const form = formOf(request.query as Record<string, string | undefined>);
      try {
        const result = await searchArticles(elasticsearch, names, paramsOf(form));
        return sendPage(reply, 200, searchPage(form, result));
      } catch (error) {
        if (!(error instanceof SearchParamsError)) throw error;
        return sendPage(reply, 400, searchPage(form, null, error.message));
      }
    }),
  );
  app.get(
    '/stories/:id',
    hide,
    asPage(async (request, reply) => {
      const { id } = request.params as { id: string };
      const story = await getStory(elasticsearch, names, id);
      if (!story) return sendPage(reply, 404, notFoundPage(`No story with id ${id}.`));
      return sendPage(reply, 200, storyPage(story));
    }),
  );
  app.get(
    '/articles/:id',
    hide,
    asPage(async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!/^[\w-]{8,128}$/.test(id)) return sendPage(reply, 404, notFoundPage(`No article with id ${id}.`));
      const [stored, versions] = await Promise.all([
        getArticle(elasticsearch, names, id),
        getArticleVersions(elasticsearch, names, id),
      ]);
      const path = await readArticlePath(queues, id, stored?.article);
      if (!stored && !hasTrace(path)) return sendPage(reply, 404, notFoundPage(`No article with id ${id}.`));
      return sendPage(reply, 200, articlePage(id, stored?.article ?? null, path, versions));
    }),
  );
}

type PageHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** A page answers HTML whatever fails behind it (Elasticsearch down or refusing), never the API's JSON. */
function asPage(handler: PageHandler): PageHandler {
  return async (request, reply) => {
    try {
      return await handler(request, reply);
    } catch (error) {
      const { status, message } = describeError(error as FastifyError);
      if (status >= 500) request.log.error({ err: error }, 'page failed');
      return sendPage(reply, status, errorPage(message));
    }
  };
}

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(page);
}

/** A parameter given twice (`?q=a&q=b`) counts once, by its first value, instead of breaking the page. */
function firstValues(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

function formOf(rawQuery: Record<string, string | string[] | undefined>): SearchForm {
  const query = firstValues(rawQuery);
  const page = Number.parseInt(query.page ?? '1', 10);
  const flags = FLAG_CHOICES.some(([value]) => value === query.flags) ? (query.flags ?? '') : '';
  return {
    q: query.q ?? '',
    domain: query.domain ?? '',
    language: query.language ?? '',
    from: query.from ?? '',
    to: query.to ?? '',
    flags,
    group: query.group === 'none' ? 'none' : 'story',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function paramsOf(form: SearchForm): Record<string, unknown> {
  const params: Record<string, unknown> = { page: form.page, size: PAGE_SIZE, collapse: form.group };
  if (form.q.trim()) params.q = form.q;
  if (form.domain.trim()) params.domain = listOf(form.domain);
  if (form.language.trim()) params.language = listOf(form.language);
  if (form.from) params.from = form.from;
  if (form.to) params.to = form.to;
  if (form.flags) params.flags = [form.flags];
  return params;
}

function listOf(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
