import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals } from '@newsflow/runtime';
import { createEsClient, ensureArticlesIndexWithStatus, indexLayoutOf, indexNames } from '@newsflow/search';
import { startIndexer } from './indexer.ts';

const config = loadConfig();
const log = createLogger('indexer', config.LOG_LEVEL);
const client = createEsClient(config.ELASTICSEARCH_URL, {
  requestTimeout: config.INDEX_REQUEST_TIMEOUT_MS,
  sniff: config.ELASTICSEARCH_SNIFF,
});
const names = indexNames(config.NEWSFLOW_INDEX_PREFIX);
const ensured = await ensureArticlesIndexWithStatus(client, names, indexLayoutOf(config));
if (ensured.mappingError)
  log.warn(
    { index: ensured.index, err: ensured.mappingError },
    'the live index mapping differs from the template in ways that need a reindex (node services/indexer/src/reindex-command.ts)',
  );
const indexer = startIndexer({ config, log, client, names });
closeOnSignals(log, indexer.close, () => client.close());
log.info({ batchSize: config.INDEX_BATCH_SIZE, flushMs: config.INDEX_FLUSH_MS }, 'indexer running');
