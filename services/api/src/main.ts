import { ConfigError, createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, closeQueues, createQueues, createRedisClient } from '@newsflow/runtime';
import { createEsClient, ensureArticlesIndex, indexLayoutOf, indexNames } from '@newsflow/search';
import { startAlerts } from './alerts/alert-workers.ts';
import { InsecureBindError } from './auth.ts';
import { buildServer } from './server.ts';

async function start(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('api', config.LOG_LEVEL);
  const redis = createRedisClient(config, 'api');
  const queues = createQueues(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const elasticsearch = createEsClient(config.ELASTICSEARCH_URL, { sniff: config.ELASTICSEARCH_SNIFF });
  // Idempotent, and the indexer does the same: search works even when the API starts first.
  await ensureArticlesIndex(elasticsearch, indexNames(config.NEWSFLOW_INDEX_PREFIX), indexLayoutOf(config)).catch(
    (error: unknown) => log.warn({ error: String(error) }, 'could not ensure the articles index yet'),
  );
  const app = await buildServer({ config, queues, elasticsearch, redis });
  await app.listen({ host: config.API_HOST, port: config.API_PORT });
  const names = indexNames(config.NEWSFLOW_INDEX_PREFIX);
  const alerts = config.ALERTS_ENABLED ? await startAlerts({ config, redis, elasticsearch, names }) : null;
  closeOnSignals(
    log,
    () => app.close(),
    async () => alerts?.close(),
    () => closeQueues(queues),
    () => elasticsearch.close(),
  );
}

try {
  await start();
} catch (error) {
  // Configuration mistakes get one clear line, not a stack trace.
  if (!(error instanceof ConfigError || error instanceof InsecureBindError)) throw error;
  console.error(`api: ${error.message}`);
  process.exit(1);
}
