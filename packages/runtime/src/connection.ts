import { Redis } from 'ioredis';
import type { Config } from '@newsflow/config';

/**
 * A Redis connection suited to BullMQ workers: no per-command retry limit (BullMQ blocks on
 * BRPOPLPUSH-style commands and must survive Redis restarts by reconnecting, not by failing jobs).
 */
export function createRedis(config: Pick<Config, 'REDIS_URL'>, name: string): Redis {
  return new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: `newsflow-${name}`,
    retryStrategy: (attempt) => Math.min(200 * 2 ** attempt, 5_000),
  });
}
