// Reindex without downtime: `node services/indexer/src/reindex-command.ts`. Creates the next
// `<prefix>-vN` from the shipped template, copies every document while the indexer keeps
// writing, re-applies recorded cluster merges and swaps the aliases atomically.
import { createLogger, loadConfig } from '@newsflow/config';
import { createRedisClient } from '@newsflow/runtime';
import { createEsClient, indexLayoutOf, indexNames, reindex } from '@newsflow/search';

const config = loadConfig();
const log = createLogger('reindex', config.LOG_LEVEL);
const client = createEsClient(config.ELASTICSEARCH_URL, { requestTimeout: 120_000, sniff: config.ELASTICSEARCH_SNIFF });
const redis = createRedisClient(config, 'reindex');
let lastLog = 0;
try {
  const result = await reindex(client, indexNames(config.NEWSFLOW_INDEX_PREFIX), {
    layout: indexLayoutOf(config),
    relabels: { redis, queuePrefix: config.NEWSFLOW_QUEUE_PREFIX },
    onProgress: (stats) => {
      if (Date.now() - lastLog < 2_000) return;
      lastLog = Date.now();
      log.info(stats, 'copying');
    },
  });
  log.info(result, 'reindexed: aliases swapped');
} catch (error) {
  log.error({ err: error }, 'reindex stopped; running it again resumes the copy');
  process.exitCode = 1;
} finally {
  redis.disconnect();
  await client.close();
}
