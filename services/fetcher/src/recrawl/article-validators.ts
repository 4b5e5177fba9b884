import type { FetcherDeps } from '../create-fetcher.ts';
import { createValidatorStore } from '../discovery/expand.ts';

/**
 * ETag and Last-Modified of each article fetch, kept while its re-crawls may still come (the last
 * offset of RECRAWL_SCHEDULE, plus a day for a backlog), so the re-fetch can be a conditional GET.
 * With re-crawling off nothing is written: a first fetch costs no extra Redis command.
 */
export function articleValidatorsOf(deps: Pick<FetcherDeps, 'redis' | 'config' | 'recrawl'>) {
  const lastOffsetMs = deps.recrawl.offsets.at(-1) ?? 0;
  const ttlSeconds = Math.ceil(lastOffsetMs / 1000) + 86_400;
  const store = createValidatorStore(deps.redis, deps.config.NEWSFLOW_QUEUE_PREFIX, ttlSeconds);
  return { enabled: deps.recrawl.enabled, load: store.load, save: store.save };
}
