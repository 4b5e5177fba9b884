import type { RedisClient } from '@newsflow/runtime';
import { redisKeys } from '@newsflow/contracts';

/**
 * The steps one site-discovery job has done, in Redis under its job id. A step that meets a busy
 * host parks the whole job (RetryLater); on its next run the steps already done are not redone, so
 * a site is asked each thing once however often its host is busy.
 */
export function createSiteSteps(redis: RedisClient, prefix: string, jobId: string) {
  const key = redisKeys(prefix).siteSteps(jobId);
  return {
    async once<T>(step: string, run: () => Promise<T>): Promise<T> {
      const done = await redis.hget(key, step);
      if (done !== null) return JSON.parse(done) as T;
      const result = await run();
      await redis.multi().hset(key, step, JSON.stringify(result)).expire(key, 86_400).exec();
      return result;
    },
    clear: async (): Promise<void> => void (await redis.del(key)),
  };
}
export type SiteSteps = ReturnType<typeof createSiteSteps>;
