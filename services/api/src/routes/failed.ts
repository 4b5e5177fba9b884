import type { FastifyInstance } from 'fastify';
import { QUEUE_NAMES } from '@newsflow/contracts';
import type { QueueName } from '@newsflow/contracts';
import { listFailed, retryFailed } from '@newsflow/runtime';
import type { StageQueues } from '@newsflow/runtime';
import { emptyBodyAsObject } from '../errors.ts';
import { arrayOf, boolean, integer, objectOf, text } from '../json-schema.ts';
import { routesTagged } from './declare-route.ts';

const reason = {
  type: 'string',
  pattern: '^[a-z0-9-]{1,40}$',
  description: 'Reason code, e.g. http-5xx, timeout, unknown',
} as const;
const queue = { type: 'string', enum: [...QUEUE_NAMES] } as const;

const failedJob = objectOf({
  queue: text,
  jobId: text,
  docId: text,
  url: text,
  reason: text,
  failedReason: text,
  attemptsMade: integer,
  failedAt: text,
});

const listingSchema = objectOf({
  counts: arrayOf(objectOf({ queue: text, reason: text, count: integer })),
  jobs: arrayOf(failedJob),
  truncated: boolean,
});

const retriedSchema = objectOf({ retried: integer, jobs: arrayOf(failedJob) });

/** Which failed jobs a listing or a retry takes: of a queue, of a reason, at most `limit`. */
function failedFilter(limit: { maximum: number; default: number }) {
  const properties = { queue, reason, limit: { type: 'integer', minimum: 1, ...limit } };
  return { type: 'object', additionalProperties: false, properties } as const;
}

/** GET /api/failed lists failed jobs by queue and reason; POST /api/failed/retry replays them. */
export function registerFailedRoutes(app: FastifyInstance, queues: StageQueues): void {
  const querystring = failedFilter({ maximum: 1000, default: 100 });
  const route = routesTagged(app, 'pipeline');
  route.get(
    '/api/failed',
    { summary: 'Failed jobs by queue and reason', querystring, response: { 200: listingSchema } },
    async (request) => listFailed(queues, request.query as { queue?: QueueName; reason?: string; limit: number }),
  );
  const body = failedFilter({ maximum: 10_000, default: 1000 });
  const summary = 'Replay failed jobs (all, or by queue and reason)';
  const retry = { summary, body, response: { 200: retriedSchema }, preValidation: emptyBodyAsObject };
  route.post('/api/failed/retry', retry, async (request) => {
    const query = (request.body ?? {}) as { queue?: QueueName; reason?: string; limit: number };
    const { retried } = await retryFailed(queues, query);
    return { retried: retried.length, jobs: retried.slice(0, 100) };
  });
}
