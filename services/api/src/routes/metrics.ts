import type { FastifyInstance } from 'fastify';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { QUEUE_NAMES } from '@newsflow/contracts';
import { readMetrics, renderPipelineMetrics } from '@newsflow/runtime';
import type { StageQueues } from '@newsflow/runtime';
import { readIndexerHealth } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { RedisClient } from '@newsflow/runtime';
import { readQueueCounts } from '../stats.ts';

export interface MetricsDeps {
  queues: StageQueues;
  elasticsearch: Client;
  names: IndexNames;
  prefix: string;
  redis: RedisClient;
}

/**
 * GET /metrics: the API process's own metrics and live gauges (prom-client), followed by the
 * pipeline counters every worker process added to RedisClient (see @newsflow/runtime metrics).
 */
export function registerMetricsRoute(app: FastifyInstance, deps: MetricsDeps): void {
  const registry = createRegistry(deps);
  app.get(
    '/metrics',
    { schema: { tags: ['pipeline'], summary: 'Prometheus metrics', produces: ['text/plain'] } },
    async (_request, reply) => {
      const [own, pipeline] = await Promise.all([
        registry.metrics(),
        readMetrics(deps.redis, deps.prefix, QUEUE_NAMES),
      ]);
      return reply.type(registry.contentType).send(`${own}\n${renderPipelineMetrics(pipeline)}`);
    },
  );
}

function createRegistry(deps: MetricsDeps): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'newsflow_api_' });
  new Gauge({
    name: 'newsflow_queue_jobs',
    help: 'Jobs in each stage queue by state (BullMQ getJobCounts).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { name, counts } of await readQueueCounts(deps.queues)) {
        for (const [state, value] of Object.entries(counts)) this.set({ queue: name, state }, value);
      }
    },
  });
  registerEsGauges(registry, deps);
  registerIndexerGauges(registry, deps);
  return registry;
}

/** Index-side statistics Elasticsearch keeps itself: documents, indexing operations and time. */
function registerEsGauges(registry: Registry, deps: MetricsDeps): void {
  const stats = async () => {
    const response = await deps.elasticsearch.indices
      .stats({ index: deps.names.readAlias, metric: ['docs', 'indexing'] })
      .catch(() => undefined);
    return response?._all.primaries;
  };
  const gauge = (
    name: string,
    help: string,
    read: (primaries: NonNullable<Awaited<ReturnType<typeof stats>>>) => number | undefined,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const primaries = await stats();
        const value = primaries ? read(primaries) : undefined;
        if (value !== undefined) this.set(value);
      },
    });
  gauge('newsflow_es_documents', 'Documents in the articles read alias.', (p) => p.docs?.count);
  gauge(
    'newsflow_es_index_operations',
    'Indexing operations Elasticsearch counted on the articles indices.',
    (p) => p.indexing?.index_total,
  );
  gauge(
    'newsflow_es_index_time_seconds',
    'Time Elasticsearch spent indexing into the articles indices.',
    (p) => (p.indexing?.index_time_in_millis ?? 0) / 1000,
  );
}

/** The indexer's own report (a RedisClient hash): one-hot status and whether it paused itself. */
function registerIndexerGauges(registry: Registry, deps: MetricsDeps): void {
  new Gauge({
    name: 'newsflow_indexer_status',
    help: 'Indexer health as last reported: 1 for the current status (ok, degraded, down, unknown).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const health = await readIndexerHealth(deps.redis, deps.prefix);
      for (const status of ['ok', 'degraded', 'down', 'unknown'])
        this.set({ status }, health.status === status ? 1 : 0);
    },
  });
  new Gauge({
    name: 'newsflow_indexer_paused',
    help: '1 while the indexer holds back jobs because Elasticsearch is down or refusing.',
    registers: [registry],
    async collect() {
      this.set((await readIndexerHealth(deps.redis, deps.prefix)).paused ? 1 : 0);
    },
  });
}
