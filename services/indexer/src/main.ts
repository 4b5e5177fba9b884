import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, runStage } from '@newsflow/runtime';
import { createEsClient, ensureArticlesIndex, indexNames } from '@newsflow/search';
import { createIndexHandler } from './handle-index.ts';

const config = loadConfig();
const log = createLogger('indexer', config.LOG_LEVEL);
const client = createEsClient(config.ELASTICSEARCH_URL);
const names = indexNames(config.NEWSFLOW_INDEX_PREFIX);
await ensureArticlesIndex(client, names);
const stage = runStage('index', createIndexHandler(client, names), { config, concurrency: 4, log });
closeOnSignals(log, stage.close, () => client.close());
log.info('indexer running');
