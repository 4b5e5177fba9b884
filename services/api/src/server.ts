import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Config } from '@newsflow/config';
import type { StageQueues } from '@newsflow/runtime';
import type { Client } from '@newsflow/search';
import { registerAuth } from './auth.ts';
import { registerDashboard } from './dashboard.ts';
import { registerUrlRoutes } from './routes/urls.ts';

export interface ApiDependencies {
  config: Config;
  queues: StageQueues;
  elasticsearch: Client;
}

/** Builds the API server (not listening yet), so tests can inject requests or listen on port 0. */
export async function buildServer({ config, queues }: ApiDependencies): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: config.LOG_LEVEL }, bodyLimit: 1024 * 1024 });
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  registerAuth(app, config);
  app.get('/healthz', async () => ({ status: 'ok' }));
  registerUrlRoutes(app, queues.fetch);
  if (config.API_ENABLE_DASHBOARD) await registerDashboard(app, queues);
  return app;
}
