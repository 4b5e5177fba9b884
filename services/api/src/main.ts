import { createLogger, loadConfig } from '@newsflow/config';
import { closeOnSignals, closeQueues, createQueues, createRedis } from '@newsflow/runtime';
import { createEsClient } from '@newsflow/search';
import { buildServer } from './server.ts';

const config = loadConfig();
const log = createLogger('api', config.LOG_LEVEL);
const redis = createRedis(config, 'api');
const queues = createQueues(redis, config.NEWSFLOW_QUEUE_PREFIX);
const elasticsearch = createEsClient(config.ELASTICSEARCH_URL);
const app = await buildServer({ config, queues, elasticsearch, redis });
await app.listen({ host: config.API_HOST, port: config.API_PORT });
closeOnSignals(log, () => app.close(), () => closeQueues(queues), () => elasticsearch.close());
