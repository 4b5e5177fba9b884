import type { FastifyInstance } from 'fastify';
import type { Client, IndexLayout, IndexNames } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';
import { emptyBodyAsObject, errorSchema } from '../errors.ts';
import { createReindexRunner } from '../reindex-runner.ts';

export interface ReindexDeps {
  elasticsearch: Client;
  names: IndexNames;
  /** Shards and replicas of the new index version, as the indexer creates them. */
  layout: IndexLayout;
  redis: RedisClient;
  prefix: string;
}

const body = { type: 'object', additionalProperties: false, properties: {} } as const;

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
 * POST /api/reindex: a zero-downtime copy of the index into a new index version, in the
 * background (poll GET /api/reindex). Re-sending some documents into the same index is /api/resend.
 */
export function registerReindexRoute(app: FastifyInstance, deps: ReindexDeps): void {
  const runner = createReindexRunner(deps.elasticsearch, deps.names, deps.layout, {
    redis: deps.redis,
    queuePrefix: deps.prefix,
  });
  const schema = {
    tags: ['pipeline'],
    summary: 'Reindex into a new index version',
    body,
    response: { 202: stateSchema, 409: errorSchema },
  };
  app.post('/api/reindex', { schema, preValidation: emptyBodyAsObject }, async (_request, reply) => {
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
