import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals } from '@newsflow/runtime';
import { createEsClient, ensureArticlesIndex, indexNames } from '@newsflow/search';
import { startIndexer } from './indexer.ts';

const config = loadConfig();
const log = createLogger('indexer', config.LOG_LEVEL);
const client = createEsClient(config.ELASTICSEARCH_URL, { requestTimeout: config.INDEX_REQUEST_TIMEOUT_MS });
const names = indexNames(config.NEWSFLOW_INDEX_PREFIX);
await ensureArticlesIndex(client, names);
const indexer = startIndexer({ config, log, client, names });
closeOnSignals(log, indexer.close, () => client.close());
log.info({ batchSize: config.INDEX_BATCH_SIZE, flushMs: config.INDEX_FLUSH_MS }, 'indexer running');
