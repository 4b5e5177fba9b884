import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Config } from '@newsflow/config';
import type { StageQueues } from '@newsflow/runtime';
import { indexLayoutOf, indexNames } from '@newsflow/search';
import type { Client } from '@newsflow/search';
import { backlogBoundsOf, createBacklogGate } from '@newsflow/runtime';
import type { BacklogGate, RedisClient } from '@newsflow/runtime';
import { pollScheduleOf } from '@newsflow/fetcher';
import { registerAuth } from './auth.ts';
import { registerBackpressure } from './backpressure.ts';
import { registerCrossOriginGuard } from './cross-origin.ts';
import { registerDashboard } from './dashboard.ts';
import { queueDiscovery } from './discovery-adapter.ts';
import type { SubmitDiscovery } from './discovery-port.ts';
import { registerErrorHandler } from './errors.ts';
import { registerOpenApi } from './openapi.ts';
import { registerDiscoveryRoutes } from './routes/discovery.ts';
import { registerFailedRoutes } from './routes/failed.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerMetricsRoute } from './routes/metrics.ts';
import { registerPageRoutes } from './routes/pages.ts';
import { registerReindexRoute } from './routes/reindex.ts';
import { registerSavedSearchRoutes } from './routes/saved-searches.ts';
import { registerResendRoute } from './routes/resend.ts';
import { registerSearchRoutes } from './routes/search.ts';
import { registerStatsRoutes } from './routes/stats.ts';
import { registerStoryRoutes } from './routes/stories.ts';
import { registerUrlRoutes } from './routes/urls.ts';
import { registerSiteRoutes } from './routes/sites.ts';
import { registerWarcRoutes } from './routes/warc.ts';
import { registerVerifyRoute } from './routes/verify.ts';
import { intakeLedger } from './verify/intake-ledger.ts';
import { createWarcRunner } from './warc-runner.ts';

export interface ApiDependencies {
  config: Config;
  queues: StageQueues;
  elasticsearch: Client;
  /** For readiness and the metrics workers write (the queues keep their own connection). */
  redis: RedisClient;
  /** Feed and sitemap discovery; by default through the fetch queue (submitFeed/submitSitemap). */
  discovery?: SubmitDiscovery;
  /** Back-pressure on intake; by default the configured bounds (INTAKE_*) over `redis` and `queues`. */
  gate?: BacklogGate;
  /** Where request logs go (stdout by default); tests capture them to check redaction. */
  logStream?: NodeJS.WritableStream;
}

/** Credentials never reach the log, whatever logs the request. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.password', '*.token'];

/** Builds the API server (not listening yet), so tests can inject requests or listen on port 0. */
export async function buildServer(deps: ApiDependencies): Promise<FastifyInstance> {
  const { config, queues, elasticsearch, redis } = deps;
  // removeAdditional off: an unknown parameter is a 400 naming it, never silently ignored.
  const app = Fastify({
    logger: { level: config.LOG_LEVEL, redact: REDACT, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    bodyLimit: config.API_BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  registerAuth(app, config);
  registerCrossOriginGuard(app);
  registerBackpressure(app, deps.gate ?? createBacklogGate(redis, queues, backlogBoundsOf(config)));
  registerErrorHandler(app, config.API_BODY_LIMIT_BYTES);
  await registerOpenApi(app);
  const names = indexNames(config.NEWSFLOW_INDEX_PREFIX);
  const prefix = config.NEWSFLOW_QUEUE_PREFIX;
  registerHealthRoutes(app, { redis, elasticsearch, prefix, names });
  const ledger = intakeLedger(redis, prefix);
  registerUrlRoutes(app, queues.fetch, config.API_MAX_URLS, { redisTimeoutMs: config.INTAKE_REDIS_TIMEOUT_MS, ledger });
  registerDiscoveryRoutes(app, deps.discovery ?? queueDiscovery(queues.fetch, config.INTAKE_REDIS_TIMEOUT_MS));
  const warc = createWarcRunner({ config, queues, redis, elasticsearch, names });
  app.addHook('onClose', () => warc.close());
  registerWarcRoutes(app, warc, config.WARC_MAX_UPLOAD_BYTES);
  registerSiteRoutes(app, queues.fetch, pollScheduleOf(config, redis), config.INTAKE_REDIS_TIMEOUT_MS);
  registerSearchRoutes(app, { elasticsearch, names, queues });
  registerStoryRoutes(app, elasticsearch, names);
  registerSavedSearchRoutes(app, redis, prefix);
  registerFailedRoutes(app, queues);
  registerStatsRoutes(app, { queues, elasticsearch, names, prefix, redis });
  registerReindexRoute(app, { elasticsearch, names, layout: indexLayoutOf(config), redis, prefix });
  registerResendRoute(app, { queues, elasticsearch, names, redis });
  registerVerifyRoute(app, { queues, elasticsearch, names, redis, prefix, ledger });
  registerMetricsRoute(app, { queues, elasticsearch, names, prefix, redis });
  registerPageRoutes(app, elasticsearch, names, queues);
  if (config.API_ENABLE_DASHBOARD) await registerDashboard(app, queues);
  return app;
}
