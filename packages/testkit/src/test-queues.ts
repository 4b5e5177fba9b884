// The stage queues a test file works on: one Redis connection and a prefix of its own, cleared
// after the file's tests, so a test file says what it checks and not how it sets up.
import { after } from 'node:test';
import { Redis } from 'ioredis';
import { closeQueues, createQueues } from '@newsflow/runtime';
import type { StageQueues } from '@newsflow/runtime';
import { TEST_REDIS_URL } from './backends.ts';
import { clearPrefix } from './redis-prefix.ts';
import { uniquePrefix } from './unique.ts';

export interface TestQueues {
  redis: Redis;
  prefix: string;
  queues: StageQueues;
}

/** Queues under a unique prefix named after `name` on the test Redis; an after() hook closes them and clears the prefix. */
export function useTestQueues(name: string): TestQueues {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = uniquePrefix(name);
  const queues = createQueues(redis, prefix);
  after(async () => {
    await closeQueues(queues);
    await clearPrefix(redis, prefix);
    redis.disconnect();
  });
  return { redis, prefix, queues };
}
