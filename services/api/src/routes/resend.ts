import type { FastifyInstance } from 'fastify';
import type { StageQueues } from '@newsflow/runtime';
import type { Client, IndexNames } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';
import { resendDocuments } from '../resend-documents.ts';
import { routesTagged } from './declare-route.ts';

export interface ResendDeps {
  queues: StageQueues;
  elasticsearch: Client;
  names: IndexNames;
  redis: RedisClient;
}

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['docIds'],
  properties: {
    docIds: {
      type: 'array',
      minItems: 1,
      maxItems: 10_000,
      items: { type: 'string', pattern: '^[\\w-]{8,128}$' },
      description: 'The documents to send through the index stage again',
    },
  },
} as const;

const answer = {
  type: 'object',
  properties: { queued: { type: 'integer' }, skipped: { type: 'integer' } },
  required: ['queued', 'skipped'],
} as const;

/**
 * POST /api/resend: those documents go through the index stage again, in the same index (to repair
 * one, or after a template change). Copying everything into a new index version is /api/reindex.
 */
export function registerResendRoute(app: FastifyInstance, deps: ResendDeps): void {
  const doc = { summary: 'Re-send some documents through the index stage', body, response: { 202: answer } };
  routesTagged(app, 'pipeline').post('/api/resend', doc, async (request, reply) => {
    const { docIds } = request.body as { docIds: string[] };
    const queued = await resendDocuments(deps.elasticsearch, deps.names, deps.queues, deps.redis, {
      docIds,
      limit: docIds.length,
    });
    return reply.code(202).send(queued);
  });
}
