import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
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
    const { status, message } = describe(error, bodyLimit);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    await reply.code(status).send({ error: errorName(status), message });
  });
  app.setNotFoundHandler(async (request, reply) => {
    await reply
      .code(404)
      .send({ error: 'Not Found', message: `no route for ${request.method} ${request.url.split('?')[0] ?? ''}` });
  });
}

function describe(error: FastifyError, bodyLimit: number): { status: number; message: string } {
  if (error instanceof SearchParamsError) return { status: 400, message: error.message };
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

/** Elasticsearch down or the index not created yet: a 503 that says which, not an opaque 500. */
function elasticsearchProblem(error: Error): { status: number; message: string } | undefined {
  const name = error.name;
  if (name === 'ConnectionError' || name === 'TimeoutError' || name === 'NoLivingConnectionsError')
    return { status: 503, message: `Elasticsearch is unavailable: ${error.message}` };
  const type = (error as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type;
  if (type === 'index_not_found_exception')
    return { status: 503, message: 'the articles index does not exist yet: start the indexer (or npm start) first' };
  return undefined;
}

function errorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    503: 'Service Unavailable',
  };
  return names[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}
