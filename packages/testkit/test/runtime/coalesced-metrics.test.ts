import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createCoalescedRedis, createMetricsRecorder, createRedisClient, metricsKeys } from '@newsflow/runtime';
import { clearPrefix, TEST_REDIS_URL } from '@newsflow/testkit';

const REDIS_URL = TEST_REDIS_URL;

void describe('coalesced metrics', () => {
  const redis = createRedisClient({ REDIS_URL }, 'coalesced-test');
  const prefix = `tq-${randomBytes(4).toString('hex')}`;
  after(async () => {
    for (const each of [prefix, `${prefix}-direct`]) await clearPrefix(redis, each);
    redis.disconnect();
  });

  void it('adds up per-job metrics in memory and writes the same totals in one pipeline', async () => {
    const direct = createMetricsRecorder(redis, `${prefix}-direct`);
    const coalesced = createCoalescedRedis(redis, 60_000);
    const viaFacade = createMetricsRecorder(coalesced.facade, prefix);
    const at = Date.now();
    for (let i = 0; i < 50; i += 1) {
      const outcome = { stage: 'index', ok: i % 10 !== 0, reason: 'es-rejected', durationMs: i, at };
      await direct.recordJob(outcome);
      await viaFacade.recordJob(outcome);
    }
    assert.deepEqual(await redis.hgetall(metricsKeys(prefix).counters), {});
    await coalesced.close();
    for (const key of ['counters', 'latency'] as const) {
      assert.deepEqual(
        await redis.hgetall(metricsKeys(prefix)[key]),
        await redis.hgetall(metricsKeys(`${prefix}-direct`)[key]),
      );
    }
    const duration = await redis.hgetall(metricsKeys(prefix).duration('index'));
    const expected = await redis.hgetall(metricsKeys(`${prefix}-direct`).duration('index'));
    assert.equal(duration.count, expected.count);
    assert.ok(Math.abs(Number(duration.sum) - Number(expected.sum)) < 1e-6);
  });
});
