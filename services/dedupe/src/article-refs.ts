import type { DedupeJob } from '@newsflow/contracts';
import type { Logger } from '@newsflow/config';
import { deleteArticle, keepArticle, readArticle } from '@newsflow/runtime';
import type { RedisClient, StageOptions } from '@newsflow/runtime';
import type { ReadArticle } from './handle-dedupe.ts';

/**
 * The articles dedupe jobs name by reference: read by the handler, deleted once their job has
 * completed (not when handed on: a crash before BullMQ records the completion replays the job,
 * which needs its article), their TTL renewed when an attempt fails.
 */
export function articleRefs(
  redis: RedisClient,
  log: Logger,
): { read: ReadArticle } & Required<Pick<StageOptions<'dedupe'>, 'onCompleted' | 'onFailed'>> {
  const track = (key: string | undefined, write: (redis: RedisClient, key: string) => Promise<void>): void => {
    if (key === undefined) return;
    write(redis, key).catch((error: unknown) => log.warn({ err: String(error), key }, 'could not update an article'));
  };
  return {
    read: (key) => readArticle(redis, key),
    onCompleted: (job: DedupeJob) => track(job.articleKey, deleteArticle),
    onFailed: (job: DedupeJob) => track(job.articleKey, keepArticle),
  };
}
