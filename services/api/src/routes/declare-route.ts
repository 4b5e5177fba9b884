import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, preValidationHookHandler } from 'fastify';
import { errorName } from '../errors.ts';

/** What /openapi.json says of a route beside its path and tag: a summary, what it reads, what it answers. */
export interface RouteDoc {
  summary: string;
  querystring?: object;
  params?: object;
  body?: object;
  response: Record<number, object>;
  preValidation?: preValidationHookHandler;
}

type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
type Declare = (url: string, doc: RouteDoc, handler: RouteHandler) => void;

/**
 * The routes of one OpenAPI tag, each declared as path, doc and handler: every route carries its tag
 * and schema the same way, so a route file says only what is particular to its routes.
 */
export function routesTagged(app: FastifyInstance, tag: string): Record<'get' | 'post' | 'delete', Declare> {
  const declare =
    (method: HTTPMethods): Declare =>
    (url, doc, handler) => {
      const { preValidation, ...schema } = doc;
      app.route({ method, url, schema: { tags: [tag], ...schema }, ...(preValidation && { preValidation }), handler });
    };
  return { get: declare('GET'), post: declare('POST'), delete: declare('DELETE') };
}

/** Answers with the error body every route uses: the status's name and what was wrong (plus any detail). */
export function replyError(reply: FastifyReply, status: number, message: string, detail: object = {}): FastifyReply {
  return reply.code(status).send({ error: errorName(status), message, ...detail });
}
