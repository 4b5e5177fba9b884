// `node scripts/migrate-keys.ts`: moves a standalone or Sentinel Redis written by a version before
// the Redis Cluster work to the hash-tagged key layout (see packages/runtime/src/key-migration.ts).
// Stop every worker and the API first; reads REDIS_URL (or REDIS_SENTINELS) and NEWSFLOW_QUEUE_PREFIX.
import { loadConfig } from '@newsflow/config';
import { createRedisClient, layoutMoves, moveKeys } from '@newsflow/runtime';

const config = loadConfig();
const redis = createRedisClient(config, 'migrate-keys');
try {
  const report = await moveKeys(redis, layoutMoves(config.NEWSFLOW_QUEUE_PREFIX));
  console.log(`moved ${report.moved} keys to the hash-tagged layout`);
  if (report.kept.length > 0)
    console.log(
      `left ${report.kept.length} old keys whose new name already exists, e.g. ${report.kept.slice(0, 5).join(', ')}`,
    );
} finally {
  redis.disconnect();
}
