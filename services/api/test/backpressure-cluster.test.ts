// Back-pressure on a Redis Cluster (issue 11): memory is read on every master, and one master over
// INTAKE_MAX_REDIS_MEMORY_MB closes intake even while the others are nearly empty.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { Cluster } from 'ioredis';
import { startRedisCluster } from '@newsflow/devstack';
import { startTestStack } from '@newsflow/api/testing';
import { redisMasters } from '@newsflow/runtime';
import { json } from './helpers.ts';

void test(
  'on a Redis Cluster one master over INTAKE_MAX_REDIS_MEMORY_MB closes intake; freed, it opens',
  { timeout: 180_000 },
  async (t) => {
    const local = await startRedisCluster({ log: (line) => t.diagnostic(line) });
    try {
      const stack = await startTestStack({
        ...local.env,
        INTAKE_MAX_REDIS_MEMORY_MB: '8',
        INTAKE_REDIS_KB_PER_JOB: '0', // used memory alone: the projection has its own test
        INTAKE_RETRY_AFTER_SECONDS: '3',
      });
      try {
        assert.ok(stack.redis instanceof Cluster);
        assert.equal(redisMasters(stack.redis).length, 3);
        const submit = (path: string) =>
          stack.app.inject({ method: 'POST', url: '/api/urls', payload: [`https://example.com/${path}`] });
        assert.equal((await submit('open')).statusCode, 202);
        // 12 MB on whichever master owns this key's slot; the other two stay near empty.
        const ballast = `${stack.config.NEWSFLOW_QUEUE_PREFIX}:ballast`;
        await stack.redis.set(ballast, Buffer.alloc(12 * 1024 * 1024, 1));
        await sleep(1_100);
        const refused = await submit('refused');
        assert.equal(refused.statusCode, 503, refused.body);
        assert.equal(refused.headers['retry-after'], '3');
        assert.match(
          json(refused.body).message as string,
          /Redis holds 1\d(\.\d)? MB, over INTAKE_MAX_REDIS_MEMORY_MB/,
        );
        await stack.redis.del(ballast);
        await sleep(1_100);
        assert.equal((await submit('freed')).statusCode, 202);
      } finally {
        await stack.close();
      }
    } finally {
      await local.stop();
    }
  },
);
