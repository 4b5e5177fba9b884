import type { FastifyInstance } from 'fastify';
import { QUEUE_NAMES } from '@newsflow/contracts';
import type { QueueName } from '@newsflow/contracts';
import { listFailed, retryFailed } from '@newsflow/runtime';
import type { StageQueues } from '@newsflow/runtime';
import { emptyBodyAsObject } from '../errors.ts';

const reason = {
  type: 'string',
  pattern: '^[a-z0-9-]{1,40}$',
  description: 'Reason code, e.g. http-5xx, timeout, unknown',
} as const;
const queue = { type: 'string', enum: [...QUEUE_NAMES] } as const;

const failedJob = {
  type: 'object',
  properties: {
    queue: { type: 'string' },
    jobId: { type: 'string' },
    docId: { type: 'string' },
    url: { type: 'string' },
    reason: { type: 'string' },
    failedReason: { type: 'string' },
    attemptsMade: { type: 'integer' },
    failedAt: { type: 'string' },
  },
} as const;

const listingSchema = {
  type: 'object',
  properties: {
    counts: {
      type: 'array',
      items: {
        type: 'object',
        properties: { queue: { type: 'string' }, reason: { type: 'string' }, count: { type: 'integer' } },
      },
    },
    jobs: { type: 'array', items: failedJob },
    truncated: { type: 'boolean' },
  },
} as const;

/** GET /api/failed lists failed jobs by queue and reason; POST /api/failed/retry replays them. */
export function registerFailedRoutes(app: FastifyInstance, queues: StageQueues): void {
  const querystring = {
    type: 'object',
    additionalProperties: false,
    properties: { queue, reason, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
  } as const;
  app.get(
    '/api/failed',
    {
      schema: {
        tags: ['pipeline'],
        summary: 'Failed jobs by queue and reason',
        querystring,
        response: { 200: listingSchema },
      },
    },
    async (request) => listFailed(queues, request.query as { queue?: QueueName; reason?: string; limit: number }),
  );
  const body = {
    type: 'object',
    additionalProperties: false,
    properties: { queue, reason, limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 1000 } },
  } as const;
  const response = {
    200: { type: 'object', properties: { retried: { type: 'integer' }, jobs: { type: 'array', items: failedJob } } },
  };
  app.post(
    '/api/failed/retry',
    {
      schema: { tags: ['pipeline'], summary: 'Replay failed jobs (all, or by queue and reason)', body, response },
      preValidation: emptyBodyAsObject,
    },
    async (request) => {
      const { retried } = await retryFailed(
        queues,
        (request.body ?? {}) as { queue?: QueueName; reason?: string; limit: number },
      );
      return { retried: retried.length, jobs: retried.slice(0, 100) };
    },
  );
}
