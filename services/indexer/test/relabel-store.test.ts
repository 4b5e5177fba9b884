// The relabel store against real Redis: merges only move forward, and old entries are dropped.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRedisClient } from '@newsflow/runtime';
import { createRelabelStore, migrateLegacyRelabels } from '@newsflow/search';
import { redisKeys } from '@newsflow/contracts';
import { clearPrefix, TEST_REDIS_URL } from '@newsflow/testkit';

const REDIS_URL = TEST_REDIS_URL;
const prefix = `tq-${randomBytes(4).toString('hex')}`;
const redis = createRedisClient({ REDIS_URL }, 'relabel-store-test');

void describe('relabel store', () => {
  after(async () => {
    for (const each of [prefix, `${prefix}-r`, `${prefix}-m`]) await clearPrefix(redis, each);
    redis.disconnect();
  });

  void it('keeps the newest merge per document, whatever order merges are recorded in', async () => {
    const store = createRelabelStore(redis, prefix);
    assert.equal(await store.record(['a', 'b'], { clusterId: 'c5', mergeSeq: 5 }), 2);
    assert.equal(await store.record(['b'], { clusterId: 'c2', mergeSeq: 2 }), 0, 'an older merge changes nothing');
    assert.equal(await store.record(['b'], { clusterId: 'c5', mergeSeq: 5 }), 0, 'a replay changes nothing');
    const found = await store.lookup(['a', 'b', 'unknown']);
    assert.deepEqual(Object.fromEntries(found), {
      a: { clusterId: 'c5', mergeSeq: 5 },
      b: { clusterId: 'c5', mergeSeq: 5 },
    });
  });

  void it('drops entries not written for longer than the retention', async () => {
    let clock = Date.parse('2026-11-01T00:00:00Z');
    const day = 24 * 3600 * 1000;
    const store = createRelabelStore(redis, `${prefix}-r`, { retentionMs: 10 * day, now: () => clock });
    await store.record(['old-1', 'old-2', 'renewed'], { clusterId: 'c1', mergeSeq: 1 });
    clock += 6 * day;
    await store.record(['renewed'], { clusterId: 'c3', mergeSeq: 3 });
    clock += 6 * day;
    await store.record(['new'], { clusterId: 'c4', mergeSeq: 4 });
    const left = await store.lookup(['old-1', 'old-2', 'renewed', 'new']);
    assert.deepEqual([...left.keys()].sort(), ['new', 'renewed']);
    assert.equal(await redis.zcard(redisKeys(`${prefix}-r`).relabelsAt), 2, 'the time index shrinks with the entries');
  });

  void it('keeps both keys in one Redis Cluster slot, and moves entries from the two-slot layout once', async () => {
    const keys = redisKeys(`${prefix}-m`);
    assert.equal(/\{(.+)\}/.exec(keys.relabels)?.[1], /\{(.+)\}/.exec(keys.relabelsAt)?.[1], 'one hash tag');
    await redis.hset(keys.legacyRelabels.hash, { a: '4|c4', b: '4|c4', c: '2|c2', junk: 'x' });
    await redis.zadd(keys.legacyRelabels.at, 1, 'a', 1, 'b', 1, 'c');
    const store = createRelabelStore(redis, `${prefix}-m`);
    await store.record(['c'], { clusterId: 'c9', mergeSeq: 9 }); // written by the new version meanwhile
    assert.equal(await migrateLegacyRelabels(redis, `${prefix}-m`), 3);
    assert.deepEqual(Object.fromEntries(await store.lookup(['a', 'b', 'c'])), {
      a: { clusterId: 'c4', mergeSeq: 4 },
      b: { clusterId: 'c4', mergeSeq: 4 },
      c: { clusterId: 'c9', mergeSeq: 9 },
    });
    assert.equal(await redis.zcard(keys.relabelsAt), 3);
    assert.equal(await redis.exists(keys.legacyRelabels.hash, keys.legacyRelabels.at), 0, 'old keys gone');
    assert.equal(await migrateLegacyRelabels(redis, `${prefix}-m`), 0, 'a second start moves nothing');
  });
});
