import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, createRedisClient } from '@newsflow/runtime';
import { createEsClient, indexLayoutOf, indexNames, migrateLegacyRelabels } from '@newsflow/search';
import { ensureIndexOnceReachable } from './ensure-at-start.ts';
import { startIndexer } from './indexer.ts';

const config = loadConfig();
const log = createLogger('indexer', config.LOG_LEVEL);
const client = createEsClient(config.ELASTICSEARCH_URL, {
  requestTimeout: config.INDEX_REQUEST_TIMEOUT_MS,
  sniff: config.ELASTICSEARCH_SNIFF,
});
const names = indexNames(config.NEWSFLOW_INDEX_PREFIX);
const backoff = { baseMs: config.INDEX_BACKOFF_MS, maxMs: config.INDEX_BACKOFF_MAX_MS };
const ensured = await ensureIndexOnceReachable(
  client,
  names,
  indexLayoutOf(config),
  backoff,
  log,
  config.INDEX_OUTAGE_PROBE_MS,
);
if (ensured.mappingError)
  log.warn(
    { index: ensured.index, err: ensured.mappingError },
    'the live index mapping differs from the template in ways that need a reindex (node services/indexer/src/reindex-command.ts)',
  );
// Before any upsert looks a merge up: relabels written by an older version move to their one-slot keys.
const migration = createRedisClient(config, 'indexer-migration');
const moved = await migrateLegacyRelabels(migration, config.NEWSFLOW_QUEUE_PREFIX).finally(() =>
  migration.disconnect(),
);
if (moved > 0) log.info({ moved }, 'relabel entries moved to their one-slot keys');
const indexer = startIndexer({ config, log, client, names });
closeOnSignals(log, indexer.close, () => client.close());
log.info({ batchSize: config.INDEX_BATCH_SIZE, flushMs: config.INDEX_FLUSH_MS }, 'indexer running');
