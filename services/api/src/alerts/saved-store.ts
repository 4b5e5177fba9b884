import { redisKeys } from '@newsflow/contracts';
import type { RedisClient } from '@newsflow/runtime';
import type { SavedSearch } from './saved-search.ts';

/** One call of a webhook as it ended: delivered, or failed after its last try (or refused outright). */
export interface DeliveryRecord {
  deliveryId: string;
  event: string;
  status: 'delivered' | 'failed';
  attempts: number;
  at: string;
  /** HTTP status of the last try, when there was an answer. */
  httpStatus?: number;
  error?: string;
}

/** Deliveries kept per saved search, newest first. */
const MAX_DELIVERIES = 500;

/**
 * Saved searches in Redis: one hash of definitions, one of cursors (indexedAt up to which each was
 * run), and per saved search the stories it already announced and its recent deliveries.
 * Every command touches one key, so it runs unchanged on a Redis Cluster.
 */
export function createSavedStore(redis: RedisClient, prefix: string) {
  const keys = redisKeys(prefix);
  const definitions = keys.savedSearches;
  const cursors = keys.savedSearchCursors;
  const storiesKey = keys.savedSearchStories;
  const deliveriesKey = keys.savedSearchDeliveries;
  return {
    async add(saved: SavedSearch): Promise<void> {
      await redis.hset(cursors, saved.id, saved.createdAt);
      await redis.hset(definitions, saved.id, JSON.stringify(saved));
    },
    async get(id: string): Promise<SavedSearch | null> {
      const raw = await redis.hget(definitions, id);
      return raw ? (JSON.parse(raw) as SavedSearch) : null;
    },
    async list(): Promise<SavedSearch[]> {
      const all = Object.values(await redis.hgetall(definitions)).map((raw) => JSON.parse(raw) as SavedSearch);
      return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    /** True when it existed. Its cursor, stories and deliveries go with it. */
    async remove(id: string): Promise<boolean> {
      const removed = await redis.hdel(definitions, id);
      await redis.hdel(cursors, id);
      await redis.del(storiesKey(id));
      await redis.del(deliveriesKey(id));
      return removed === 1;
    },
    count: async (): Promise<number> => redis.hlen(definitions),
    cursor: async (id: string): Promise<string | null> => redis.hget(cursors, id),
    async advance(id: string, until: string): Promise<void> {
      await redis.hset(cursors, id, until);
    },
    /** Whether the saved search already announced this story; mark it once its delivery is queued. */
    async knowsStory(id: string, storyKey: string): Promise<boolean> {
      return (await redis.sismember(storiesKey(id), storyKey)) === 1;
    },
    async markStory(id: string, storyKey: string): Promise<void> {
      await redis.sadd(storiesKey(id), storyKey);
    },
    async recordDelivery(id: string, record: DeliveryRecord): Promise<void> {
      await redis.lpush(deliveriesKey(id), JSON.stringify(record));
      await redis.ltrim(deliveriesKey(id), 0, MAX_DELIVERIES - 1);
    },
    async deliveries(id: string, status?: DeliveryRecord['status']): Promise<DeliveryRecord[]> {
      const all = (await redis.lrange(deliveriesKey(id), 0, -1)).map((raw) => JSON.parse(raw) as DeliveryRecord);
      return status ? all.filter((record) => record.status === status) : all;
    },
  };
}

export type SavedStore = ReturnType<typeof createSavedStore>;
