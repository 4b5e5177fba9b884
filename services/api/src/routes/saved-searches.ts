import type { FastifyInstance } from 'fastify';
import type { RedisClient } from '@newsflow/runtime';
import { errorSchema } from '../errors.ts';
import { newSavedSearch, publicView } from '../alerts/saved-search.ts';
import type { SavedSearchInput } from '../alerts/saved-search.ts';
import { createSavedStore } from '../alerts/saved-store.ts';
import type { SavedStore } from '../alerts/saved-store.ts';
import { deliveriesSchema, savedSearchBodySchema, savedSearchSchema } from '../alerts/saved-search-schemas.ts';

/** Each saved search is one query per check interval; past this many, add capacity before adding more. */
export const MAX_SAVED_SEARCHES = 1_000;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{16}$' } },
} as const;

const notFound = (id: string) => ({ error: 'Not Found', message: `no saved search ${id}` });

const tags = ['saved searches'];

/** Saved searches (stored in Redis) and the deliveries of their webhooks. */
export function registerSavedSearchRoutes(app: FastifyInstance, redis: RedisClient, prefix: string): void {
  const store = createSavedStore(redis, prefix);
  registerCreateAndList(app, store);
  registerDeleteAndDeliveries(app, store);
}

function registerCreateAndList(app: FastifyInstance, store: SavedStore): void {
  app.post(
    '/api/saved-searches',
    {
      schema: {
        tags,
        summary: 'Save a search; with a webhookUrl, new matching articles and stories are posted to it, signed',
        body: savedSearchBodySchema,
        response: { 201: savedSearchSchema, 400: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      if ((await store.count()) >= MAX_SAVED_SEARCHES)
        return reply.code(409).send({ error: 'Conflict', message: `at most ${MAX_SAVED_SEARCHES} saved searches` });
      const saved = newSavedSearch(request.body as SavedSearchInput);
      await store.add(saved);
      // The only answer that carries the secret: the receiver needs it to check signatures.
      return reply.code(201).send({ ...publicView(saved), ...(saved.secret ? { secret: saved.secret } : {}) });
    },
  );
  app.get(
    '/api/saved-searches',
    {
      schema: {
        tags,
        summary: 'Every saved search (secrets are never listed)',
        response: {
          200: { type: 'object', properties: { savedSearches: { type: 'array', items: savedSearchSchema } } },
        },
      },
    },
    async () => ({ savedSearches: (await store.list()).map(publicView) }),
  );
}

function registerDeleteAndDeliveries(app: FastifyInstance, store: SavedStore): void {
  app.delete(
    '/api/saved-searches/:id',
    {
      schema: {
        tags,
        summary: 'Delete a saved search and its delivery log',
        params: idParams,
        response: { 204: { type: 'null' }, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!(await store.remove(id))) return reply.code(404).send(notFound(id));
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/saved-searches/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Webhook deliveries of a saved search, newest first: delivered, or failed after the last try',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: ['delivered', 'failed'] } },
        },
        response: { 200: deliveriesSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { status } = request.query as { status?: 'delivered' | 'failed' };
      if (!(await store.get(id))) return reply.code(404).send(notFound(id));
      return { savedSearchId: id, deliveries: await store.deliveries(id, status) };
    },
  );
}
