import type { FastifyInstance } from 'fastify';
import type { Client } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';

const CHECK_TIMEOUT_MS = 2_000;

const readySchema = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    checks: { type: 'object', properties: { redis: { type: 'string' }, elasticsearch: { type: 'string' } } },
  },
} as const;

/** /healthz: the process answers. /readyz: RedisClient and Elasticsearch answer too (503 otherwise). */
export function registerHealthRoutes(app: FastifyInstance, redis: RedisClient, elasticsearch: Client): void {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { schema: { tags: ['health'], response: { 200: readySchema, 503: readySchema } } },
    async (_request, reply) => {
      const [redisCheck, es] = await Promise.all([
        check(() => redis.ping()),
        // cluster health rather than ping: minimal distributions answer HEAD / with 405.
        check(() => elasticsearch.cluster.health({}, { requestTimeout: CHECK_TIMEOUT_MS, maxRetries: 0 })),
      ]);
      const ready = redisCheck === 'ok' && es === 'ok';
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not ready', checks: { redis: redisCheck, elasticsearch: es } });
    },
  );
}

async function check(probe: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([probe().then(() => 'ok'), timeout]);
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200);
  } finally {
    clearTimeout(timer);
  }
}
