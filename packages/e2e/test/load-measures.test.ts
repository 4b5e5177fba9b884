// What the overload run measures with (issue 11): Redis memory by key family, read off a real
// Redis with the pipeline's own key builders, and the saturation loop of the calibration.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { redisKeys } from '@newsflow/contracts';
import { createRedisClient, queueKey } from '@newsflow/runtime';
import { resolveConfig } from '@newsflow/config';
import { TEST_REDIS_URL, clearPrefix, uniquePrefix } from '@newsflow/testkit';
import { saturatedRate } from '../src/load/calibration.ts';
import { familyOf, perDocument, redisFamilies } from '../src/load/redis-families.ts';

const redis = createRedisClient(resolveConfig({ REDIS_URL: TEST_REDIS_URL }), 'load-measures');
const prefixes: string[] = [];
after(async () => {
  for (const prefix of prefixes) await clearPrefix(redis, prefix);
  redis.disconnect();
});

test('familyOf names BullMQ keys by queue and kind, and other keys by their fixed parts', () => {
  const prefix = 'load-x1';
  const keys = redisKeys(prefix);
  assert.equal(familyOf(queueKey(prefix, 'clean', 'completed'), prefix), '{clean} completed');
  assert.equal(familyOf(queueKey(prefix, 'fetch', 'events'), prefix), '{fetch} events');
  assert.equal(familyOf(queueKey(prefix, 'dedupe', 'd-0a1b2c'), prefix), '{dedupe} job');
  assert.equal(familyOf(queueKey(prefix, 'index', 'u-3f9.1:logs'), prefix), '{index} job:logs');
  assert.equal(familyOf(keys.raw('9c2e4f00aa'), prefix), 'raw:*');
  assert.equal(familyOf(keys.host('site-3.test', 'next'), prefix), 'host:*:next');
  assert.equal(familyOf(`${keys.cluster}:d:77aa01ff`, prefix), '{cluster}:d:*');
  assert.equal(familyOf(`${keys.stories}:{${keys.stories}}:e0:postings`, prefix), 'stories:{}:e0:postings');
  assert.equal(familyOf(keys.intakeLedger, prefix), '{intake}:accepted');
});

test('redisFamilies sums MEMORY USAGE of every key under the prefix by family; perDocument divides', async () => {
  const prefix = uniquePrefix('families');
  const other = uniquePrefix('families-other');
  prefixes.push(prefix, other);
  const keys = redisKeys(prefix);
  for (let i = 0; i < 30; i++) await redis.set(keys.raw(`${String(i).padStart(4, '0')}c0ffee`), 'x'.repeat(2_000));
  await redis.hset(queueKey(prefix, 'clean', 'c-1'), 'data', 'y'.repeat(500));
  await redis.set(redisKeys(other).raw('0000c0ffee'), 'z'.repeat(50_000));
  const families = await redisFamilies(redis, prefix);
  assert.deepEqual(Object.keys(families).sort(), ['raw:*', '{clean} job']);
  assert.ok(families['raw:*']! >= 30 * 2_000, `raw pages: ${families['raw:*']} bytes`);
  assert.ok(families['raw:*']! < 30 * 4_000, `no other prefix counted: ${families['raw:*']} bytes`);
  const rows = perDocument(families, 30);
  assert.equal(rows[0]![0], 'all keys');
  assert.equal(rows[1]![0], 'raw:*', 'largest family first');
  assert.ok(rows[1]![1] >= 2_000 / 1024, `KB per document: ${rows[1]![1]}`);
});

test('saturatedRate keeps the window in flight and measures what ended over the second half', async () => {
  // A stand-in pipeline (no Redis involved): ends 10 documents every 100 ms of what was submitted.
  let submitted = 0;
  let most = 0;
  const started = Date.now();
  const endedBy = () => Math.min(submitted, Math.floor((Date.now() - started) / 100) * 10);
  const loop = {
    submit: async (count: number) => void (submitted += count),
    read: async () => {
      const ended = endedBy();
      most = Math.max(most, submitted - ended);
      return { ended, pending: submitted - ended };
    },
  };
  const perS = await saturatedRate(1_000, 40, loop, 50);
  assert.ok(most <= 40, `never more than the window in flight: ${most}`);
  assert.ok(perS > 40 && perS <= 110, `about 100 a second while the window stays full: ${perS.toFixed(1)}`);
});
