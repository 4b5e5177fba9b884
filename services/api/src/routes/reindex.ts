import type { FastifyInstance } from 'fastify';
import type { StageQueues } from '@newsflow/runtime';
import type { Client, IndexLayout, IndexNames } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';
import { emptyBodyAsObject, errorSchema } from '../errors.ts';
import { resendDocuments } from '../resend-documents.ts';
import { createReindexRunner } from '../reindex-runner.ts';

export interface ReindexDeps {
  queues: StageQueues;
  elasticsearch: Client;
  names: IndexNames;
  /** Shards and replicas of the new index version, as the indexer creates them. */
  layout: IndexLayout;
  redis: RedisClient;
  prefix: string;
}

const body = {
  type: 'object',
  additionalProperties: false,
  properties: {
    docIds: {
      type: 'array',
      minItems: 1,
      maxItems: 10_000,
      items: { type: 'string', pattern: '^[\\w-]{8,128}$' },
      description: 'Repair mode: send only these documents through the index stage again',
    },
  },
} as const;

const stateSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['idle', 'running', 'done', 'failed'] },
    startedAt: { type: 'string' },
    finishedAt: { type: 'string' },
    copied: { type: 'integer' },
    error: { type: 'string' },
    result: { type: 'object', additionalProperties: true },
  },
  required: ['status'],
} as const;

/**
 * POST /api/reindex: without docIds, a zero-downtime reindex into a new index version (background;
 * poll GET /api/reindex); with docIds, those documents go through the index stage again.
 */
export function registerReindexRoute(app: FastifyInstance, deps: ReindexDeps): void {
  const runner = createReindexRunner(deps.elasticsearch, deps.names, deps.layout, {
    redis: deps.redis,
    queuePrefix: deps.prefix,
  });
  const repaired = {
    type: 'object',
    properties: { queued: { type: 'integer' }, skipped: { type: 'integer' } },
    required: ['queued', 'skipped'],
  } as const;
  const schema = {
    tags: ['pipeline'],
    summary: 'Reindex into a new index version, or re-send some documents',
    body,
    response: { 202: { anyOf: [repaired, stateSchema] }, 409: errorSchema },
  };
  app.post('/api/reindex', { schema, preValidation: emptyBodyAsObject }, async (request, reply) => {
    const { docIds } = (request.body ?? {}) as { docIds?: string[] };
    if (docIds)
      return reply.code(202).send(
        await resendDocuments(deps.elasticsearch, deps.names, deps.queues, deps.redis, {
          docIds,
          limit: docIds.length,
        }),
      );
    if (!runner.start())
      return reply
        .code(409)
        .send({ error: 'Conflict', message: 'a reindex is already running: poll GET /api/reindex' });
    return reply.code(202).send(runner.state());
  });
  app.get(
    '/api/reindex',
    { schema: { tags: ['pipeline'], summary: 'Progress of the last reindex', response: { 200: stateSchema } } },
    async () => runner.state(),
  );
}
