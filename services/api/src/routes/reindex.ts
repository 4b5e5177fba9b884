import type { FastifyInstance } from 'fastify';
import type { StageQueues } from '@newsflow/runtime';
import type { Client, IndexNames } from '@newsflow/search';
import { reindexDocuments } from '../reindex.ts';
import type { ReindexRequest } from '../reindex.ts';

export interface ReindexDeps {
  queues: StageQueues;
  elasticsearch: Client;
  names: IndexNames;
}

const body = {
  type: 'object',
  additionalProperties: false,
  properties: {
    docIds: { type: 'array', minItems: 1, maxItems: 10_000, items: { type: 'string', pattern: '^[\\w-]{8,128}$' }, description: 'Only these documents; omit for all' },
    limit: { type: 'integer', minimum: 1, maximum: 100_000, default: 10_000 },
  },
} as const;

/** POST /api/reindex: send stored documents through the index stage again. */
export function registerReindexRoute(app: FastifyInstance, deps: ReindexDeps): void {
  const response = { 202: { type: 'object', properties: { queued: { type: 'integer' }, skipped: { type: 'integer' } } } };
  app.post('/api/reindex', { schema: { tags: ['pipeline'], summary: 'Rewrite indexed documents through the index stage', body, response } }, async (request, reply) => {
    const result = await reindexDocuments(deps.elasticsearch, deps.names, deps.queues, (request.body ?? { limit: 10_000 }) as ReindexRequest);
    return reply.code(202).send(result);
  });
}
