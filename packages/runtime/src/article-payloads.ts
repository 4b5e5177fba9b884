import type { Queue } from 'bullmq';
import { ArticleSchema, StageError, jobIds, redisKeys } from '@newsflow/contracts';
import type { Article } from '@newsflow/contracts';
import type { RedisClient } from './connection.ts';
import { basePrefixOf } from './queue-prefix.ts';
import type { StageQueue } from './queues.ts';
import { UPSERT_PAYLOAD_TTL_SECONDS } from './upsert-payloads.ts';
import { issuesOf } from './stage-outputs.ts';

/**
 * The cleaner's article travels to dedupe by reference: one Redis string per dedupe job (keyed by
 * that job's id, so a replayed clean job rewrites the same key), written before the job is added
 * and deleted once the job has completed, never before, so a crash or restart in between loses
 * nothing (the key is left to its TTL). The TTL is the upsert payloads': it outlives a failed job's
 * retention, so a failed dedupe job stays replayable while listed.
 */
export const ARTICLE_PAYLOAD_TTL_SECONDS = UPSERT_PAYLOAD_TTL_SECONDS;

/** The key of the article a dedupe job for this document will name. */
export function articleKeyFor(dedupe: StageQueue<'dedupe'>, job: { docId: string; recrawl?: number }): string {
  const prefix = basePrefixOf((dedupe as Queue).opts.prefix ?? 'bull', dedupe.name);
  return redisKeys(prefix).article(jobIds.dedupe(job));
}

/** Checks the article as the dedupe job's schema would have (invalid-output), then stores it. */
export async function storeArticle(redis: RedisClient, key: string, article: Article): Promise<void> {
  const parsed = ArticleSchema.safeParse(article);
  if (!parsed.success) throw new StageError('invalid-output', `article: ${issuesOf(parsed.error.issues)}`);
  await redis.set(key, JSON.stringify(article), 'EX', ARTICLE_PAYLOAD_TTL_SECONDS);
}

/** The article stored under `key` (checked when stored), or a payload-missing failure when it is gone. */
export async function readArticle(redis: RedisClient, key: string): Promise<Article> {
  const stored = await redis.get(key);
  if (stored === null) throw new StageError('payload-missing', `the article ${key} is no longer in Redis`);
  return JSON.parse(stored) as Article;
}

export async function deleteArticle(redis: RedisClient, key: string): Promise<void> {
  await redis.del(key);
}

/** A failed attempt renews the TTL, as for upsert payloads: a failed job stays replayable while listed. */
export async function keepArticle(redis: RedisClient, key: string): Promise<void> {
  await redis.expire(key, ARTICLE_PAYLOAD_TTL_SECONDS);
}
