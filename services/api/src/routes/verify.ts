import type { FastifyInstance } from 'fastify';
import type { RedisClient, StageQueues } from '@newsflow/runtime';
import type { Client, IndexNames } from '@newsflow/search';
import type { IntakeLedger } from '../verify/intake-ledger.ts';
import { accountDocuments, activeJobs } from '../verify/run-account.ts';

export interface VerifyDeps {
  queues: StageQueues;
  elasticsearch: Client;
  names: IndexNames;
  redis: RedisClient;
  prefix: string;
  ledger: IntakeLedger;
}

const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;
const docIdList = { type: 'array', items: { type: 'string' } } as const;

const verifySchema = {
  type: 'object',
  properties: {
    generatedAt: { type: 'string' },
    since: { type: ['string', 'null'] },
    urlsIn: { type: 'integer' },
    indexed: { type: 'integer' },
    failed: counts,
    skipped: counts,
    pending: { type: 'integer' },
    lost: { type: 'integer' },
    duplicated: { type: 'integer' },
    outside: { type: 'integer' },
    active: counts,
    samples: { type: 'object', properties: { lost: docIdList, pending: docIdList } },
  },
} as const;

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    since: { type: 'string', format: 'date-time', description: 'only URLs accepted from then on' },
    sample: { type: 'integer', minimum: 0, maximum: 1000, default: 20 },
  },
} as const;

/**
 * GET /api/verify: every URL the intake ledger holds (accepted in the last day), accounted for from
 * the pipeline's state: indexed exactly once, failed with a reason, skipped, pending, or lost.
 */
export function registerVerifyRoute(app: FastifyInstance, deps: VerifyDeps): void {
  const schema = {
    tags: ['pipeline'],
    summary: 'Account for every accepted URL: indexed, failed by reason, pending, lost, duplicated',
    querystring,
    response: { 200: verifySchema },
  };
  app.get('/api/verify', { schema }, async (request) => {
    const { since, sample } = request.query as { since?: string; sample: number };
    const docIds = await deps.ledger.read(since ? Date.parse(since) : 0);
    const sources = {
      redis: deps.redis,
      elasticsearch: deps.elasticsearch,
      queuePrefix: deps.prefix,
      readAlias: deps.names.readAlias,
    };
    const [account, active] = await Promise.all([accountDocuments(sources, docIds), activeJobs(deps.queues)]);
    return {
      generatedAt: new Date().toISOString(),
      since: since ?? null,
      urlsIn: account.total,
      indexed: account.indexed,
      failed: account.failed,
      skipped: account.skipped,
      pending: account.pending.length,
      lost: account.lost.length,
      duplicated: account.duplicated,
      outside: account.outside,
      active,
      samples: { lost: account.lost.slice(0, sample), pending: account.pending.slice(0, sample) },
    };
  });
}
