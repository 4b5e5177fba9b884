import type { FastifyInstance } from 'fastify';
import { QUEUE_NAMES } from '@newsflow/contracts';
import type { Client, IndexNames } from '@newsflow/search';
import { queueKey } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';

const CHECK_TIMEOUT_MS = 2_000;

const readySchema = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    checks: { type: 'object', properties: { redis: { type: 'string' }, elasticsearch: { type: 'string' } } },
  },
} as const;

export interface ReadinessDeps {
  redis: RedisClient;
  elasticsearch: Client;
  /** the queue prefix (NEWSFLOW_QUEUE_PREFIX) */
  prefix: string;
  names: IndexNames;
}

/**
 * /healthz: the process answers. /readyz: what intake and search need answer too (503 otherwise):
 * a real command on each queue's keys, so on a Redis Cluster every master that holds a queue is
 * asked (a ping reaches one node, and a cluster missing a slot still answers it), and the health
 * of the index behind the write alias (red: writes would fail; absent: nothing can be indexed).
 */
export function registerHealthRoutes(app: FastifyInstance, deps: ReadinessDeps): void {
  const { redis, elasticsearch, prefix, names } = deps;
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
        firstFailure(QUEUE_NAMES.map((queue) => [queue, () => redis.exists(queueKey(prefix, queue, 'meta'))])),
        check(() => writeIndexHealthy(elasticsearch, names)),
      ]);
      const ready = redisCheck === 'ok' && es === 'ok';
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not ready', checks: { redis: redisCheck, elasticsearch: es } });
    },
  );
}

/** 'ok' when every probe answers, else the first failure, named. */
async function firstFailure(probes: Array<[string, () => Promise<unknown>]>): Promise<string> {
  const results = await Promise.all(probes.map(async ([name, probe]) => [name, await check(probe)] as const));
  const failed = results.find(([, result]) => result !== 'ok');
  return failed ? `${failed[0]}: ${failed[1]}` : 'ok';
}

async function writeIndexHealthy(elasticsearch: Client, names: IndexNames): Promise<void> {
  const options = { requestTimeout: CHECK_TIMEOUT_MS, maxRetries: 0 };
  if (!(await elasticsearch.indices.existsAlias({ name: names.writeAlias }, options)))
    throw new Error(`write alias ${names.writeAlias} is missing`);
  // cluster health rather than ping: minimal distributions answer HEAD / with 405.
  const health = await elasticsearch.cluster.health({ index: names.writeAlias, timeout: '1s' }, options);
  if (health.status === 'red') throw new Error(`write index ${names.writeAlias} is red`);
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
