import type { FastifyInstance } from 'fastify';
import type { RedisClient, StageQueues } from '@newsflow/runtime';
import type { Client, IndexNames } from '@newsflow/search';
import type { IntakeLedger } from '../verify/intake-ledger.ts';
import { accountCounts, accountDocuments, activeJobs } from '../verify/run-account.ts';
import { integer, objectOf, strings, text } from '../json-schema.ts';
import { routesTagged } from './declare-route.ts';

export interface VerifyDeps {
  queues: StageQueues;
  elasticsearch: Client;
  names: IndexNames;
  redis: RedisClient;
  prefix: string;
  ledger: IntakeLedger;
}

const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;

const verifySchema = objectOf({
  generatedAt: text,
  since: { type: ['string', 'null'] },
  urlsIn: integer,
  indexed: integer,
  failed: counts,
  skipped: counts,
  pending: integer,
  lost: integer,
  duplicated: integer,
  outside: integer,
  active: counts,
  samples: objectOf({ lost: strings, pending: strings }),
});

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
  const summary = 'Account for every accepted URL: indexed, failed by reason, pending, lost, duplicated';
  routesTagged(app, 'pipeline').get(
    '/api/verify',
    { summary, querystring, response: { 200: verifySchema } },
    async (request) => {
      const { since, sample } = request.query as { since?: string; sample: number };
      const docIds = await deps.ledger.read(since ? Date.parse(since) : 0);
      const sources = {
        redis: deps.redis,
        queues: deps.queues,
        elasticsearch: deps.elasticsearch,
        queuePrefix: deps.prefix,
        readAlias: deps.names.readAlias,
      };
      const [account, active] = await Promise.all([accountDocuments(sources, docIds), activeJobs(deps.queues)]);
      return {
        generatedAt: new Date().toISOString(),
        since: since ?? null,
        urlsIn: account.total,
        ...accountCounts(account),
        outside: account.outside,
        active,
        samples: { lost: account.lost.slice(0, sample), pending: account.pending.slice(0, sample) },
      };
    },
  );
}
