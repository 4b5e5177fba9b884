import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { RedisUnreachableError, isRedisUnavailable } from '@newsflow/runtime';
import { SearchParamsError } from '@newsflow/search';

export interface ApiErrorBody {
  error: string;
  message: string;
}

export const errorSchema = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' } },
  required: ['error', 'message'],
  additionalProperties: true,
} as const;

/** For routes whose every body field is optional: a bare POST (no body at all) means {}. */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** Error bodies say what was wrong and how to fix it, never a stack trace. */
export function registerErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const { status, message } = describeError(error, bodyLimit);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (isRedisProblem(error)) void reply.header('retry-after', String(REDIS_RETRY_AFTER_SECONDS));
    await reply.code(status).send({ error: errorName(status), message });
  });
  app.setNotFoundHandler(async (request, reply) => {
    await reply
      .code(404)
      .send({ error: 'Not Found', message: `no route for ${request.method} ${request.url.split('?')[0] ?? ''}` });
  });
}

/** Status and client-safe message for any error a route threw (pages render it, the API sends JSON). */
export function describeError(error: FastifyError, bodyLimit = 0): { status: number; message: string } {
  if (error instanceof SearchParamsError) return { status: 400, message: error.message };
  if (isRedisProblem(error))
    return {
      status: 503,
      message: `${error.message}; the submission may not have been queued: retry later (resubmitting is safe, job ids are deterministic)`,
    };
  const es = elasticsearchProblem(error);
  if (es) return es;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, message: `request body larger than ${bodyLimit} bytes: send fewer items per request` };
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { status: 415, message: 'unsupported content type: send application/json or text/plain' };
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return { status: 400, message: 'empty JSON body' };
  if (error.validation) return { status: 400, message: `invalid request: ${error.message}` };
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return { status: 400, message: `malformed JSON: ${error.message}` };
  const status = error.statusCode ?? 500;
  return { status, message: status >= 500 ? 'internal error, see the server log' : error.message };
}

const REDIS_RETRY_AFTER_SECONDS = 5;

/** Redis did not answer in time (RedisUnreachableError) or ioredis reported it gone. */
function isRedisProblem(error: Error): boolean {
  return error instanceof RedisUnreachableError || isRedisUnavailable(error);
}

const ES_UNREACHABLE = new Set(['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError']);

/**
 * Elasticsearch down, busy, the index not created yet, or a request it refused: a 5xx that says
 * which in plain words. Its own error text (index names, settings, shard details) stays in the
 * server log: it describes our internals, not the client's mistake.
 */
function elasticsearchProblem(error: Error): { status: number; message: string } | undefined {
  if (ES_UNREACHABLE.has(error.name)) return { status: 503, message: 'Elasticsearch is unavailable, try again later' };
  if (error.name !== 'ResponseError') return undefined;
  const meta = (error as { meta?: { statusCode?: number; body?: { error?: { type?: string } } } }).meta;
  if (meta?.body?.error?.type === 'index_not_found_exception')
    return { status: 503, message: 'the articles index does not exist yet: start the indexer (or npm start) first' };
  if (meta?.statusCode === 429 || meta?.statusCode === 503)
    return { status: 503, message: 'Elasticsearch is overloaded, try again later' };
  return { status: 502, message: 'the search backend failed to answer this request, see the server log' };
}

/** The name an error body carries for an HTTP status ('Not Found' for 404). */
export function errorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    502: 'Bad Gateway',
    415: 'Unsupported Media Type',
    503: 'Service Unavailable',
  };
  return names[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}
