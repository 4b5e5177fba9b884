import type { FastifyInstance } from 'fastify';
import type { StageQueues } from '@newsflow/runtime';
import { countArticles } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';
import { readPipelineStats } from '../stats.ts';

export interface StatsDeps {
  queues: StageQueues;
  elasticsearch: Client;
  names: IndexNames;
  prefix: string;
  redis: RedisClient;
}

const minuteSchema = {
  type: 'object',
  properties: {
    at: { type: 'integer' },
    processed: { type: 'object', additionalProperties: { type: 'integer' } },
    failed: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const;

const statsSchema = {
  type: 'object',
  properties: {
    generatedAt: { type: 'string' },
    documents: { type: ['integer', 'null'] },
    queues: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, counts: { type: 'object', additionalProperties: { type: 'integer' } } },
      },
    },
    throughput: { type: 'array', items: minuteSchema },
    ratePerMinute: { type: 'object', additionalProperties: { type: 'number' } },
    indexer: { type: 'object', additionalProperties: true },
    totals: {
      type: 'object',
      properties: {
        processed: { type: 'object', additionalProperties: { type: 'integer' } },
        failed: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    },
  },
} as const;

/** GET /api/stats: queue depths, per-minute throughput and totals; polled by the live panel and `newsflow status`. */
export function registerStatsRoutes(app: FastifyInstance, deps: StatsDeps): void {
  const querystring = {
    type: 'object',
    additionalProperties: false,
    properties: { minutes: { type: 'integer', minimum: 1, maximum: 120, default: 15 } },
  } as const;
  app.get(
    '/api/stats',
    {
      schema: {
        tags: ['pipeline'],
        summary: 'Queue depths and throughput',
        querystring,
        response: { 200: statsSchema },
      },
    },
    async (request) => {
      const { minutes } = request.query as { minutes: number };
      const [stats, documents] = await Promise.all([
        readPipelineStats(deps.queues, deps.redis, deps.prefix, minutes),
        countArticles(deps.elasticsearch, deps.names).catch(() => null),
      ]);
      return { ...stats, documents };
    },
  );
}
