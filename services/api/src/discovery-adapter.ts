import { submitFeed, submitSitemap, withinRedisDeadline } from '@newsflow/runtime';
import type { StageQueue } from '@newsflow/runtime';
import type { SubmitDiscovery } from './discovery-port.ts';

/** Feed and sitemap submission through the fetch queue: a one-off job, or a BullMQ job scheduler. */
export function queueDiscovery(fetchQueue: StageQueue<'fetch'>, redisTimeoutMs: number): SubmitDiscovery {
  return async ({ kind, url, everyMinutes }) => {
    const submit = kind === 'feed' ? submitFeed : submitSitemap;
    const options = everyMinutes === undefined ? { ref: 'api' } : { ref: 'api', everySeconds: everyMinutes * 60 };
    const receipt = await withinRedisDeadline(submit(fetchQueue, url, options), redisTimeoutMs);
    const scheduled = receipt.schedulerId !== undefined;
    return { kind, url: receipt.url, scheduled, ...(scheduled ? { everyMinutes, jobId: receipt.schedulerId } : {}) };
  };
}
