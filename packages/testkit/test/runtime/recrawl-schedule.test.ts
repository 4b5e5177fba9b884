// The re-crawl schedule on real Redis: entries at the first step still ahead, claims leased, steps
// moved on and ended, and everything read back by a new connection (a restarted process).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRecrawlSchedule, createRedisClient } from '@newsflow/runtime';
import { clearPrefix, TEST_REDIS_URL } from '@newsflow/testkit';

const HOUR = 3_600_000;
const OFFSETS = [HOUR, 6 * HOUR, 24 * HOUR];

void describe('re-crawl schedule', () => {
  const redis = createRedisClient({ REDIS_URL: TEST_REDIS_URL }, 'recrawl-test');
  const prefix = `tr-${randomBytes(4).toString('hex')}`;
  after(async () => {
    await clearPrefix(redis, prefix);
    redis.disconnect();
  });
  const t0 = Date.parse('2026-12-02T10:00:00Z');
  const article = (docId: string, firstFetchMs = t0) => ({
    docId,
    url: `https://news.example/${docId}|x`,
    firstFetchMs,
  });

  void it('adds each article once, at the first step still ahead; an article whose steps all passed is not added', async () => {
    const schedule = createRecrawlSchedule(redis, prefix, OFFSETS);
    assert.equal(await schedule.add([article('doc-aaaa'), article('doc-bbbb', t0 - 2 * HOUR)], t0 + 60_000), 2);
    assert.equal(await schedule.add([article('doc-aaaa', t0 + 5 * HOUR)], t0 + 60_000), 0, 'HSETNX keeps the first');
    assert.equal(await schedule.add([article('doc-old1', t0 - 30 * HOUR)], t0), 0);
    assert.deepEqual(await schedule.read('doc-aaaa'), {
      docId: 'doc-aaaa',
      url: 'https://news.example/doc-aaaa|x',
      step: 1,
      firstFetchMs: t0,
      dueMs: t0 + HOUR,
    });
    assert.equal((await schedule.read('doc-bbbb'))!.step, 2, 'its 1 h step had passed');
    const moved = { ...article('doc-dddd', t0 + 2 * HOUR), fetchUrl: 'https://www.news.example/2026/doc-dddd?amp=0' };
    await schedule.add([moved], t0);
    assert.equal((await schedule.read('doc-dddd'))!.fetchUrl, moved.fetchUrl, 'where it was served from, kept');
  });

  void it('claims what is due, leased; a new connection sees the same schedule; steps move on, then end', async () => {
    const restarted = createRedisClient({ REDIS_URL: TEST_REDIS_URL }, 'recrawl-test-2');
    try {
      const schedule = createRecrawlSchedule(restarted, prefix, OFFSETS);
      assert.deepEqual(await schedule.claimDue(t0 + HOUR - 1, 10, 60_000), []);
      const due = await schedule.claimDue(t0 + HOUR, 10, 60_000);
      assert.deepEqual(
        due.map((entry) => [entry.docId, entry.step]),
        [['doc-aaaa', 1]],
      );
      assert.deepEqual(await schedule.claimDue(t0 + HOUR + 1, 10, 60_000), [], 'leased: nobody else takes it');
      assert.equal(await schedule.advance(due[0]!), true);
      assert.equal(await schedule.advance(due[0]!), false, 'a second advance of the same claim changes nothing');
      assert.equal((await schedule.read('doc-aaaa'))!.dueMs, t0 + 6 * HOUR);
      for (const step of [2, 3]) {
        const [entry] = (await schedule.claimDue(t0 + 24 * HOUR, 10, 60_000)).filter((e) => e.docId === 'doc-aaaa');
        assert.equal(entry!.step, step);
        await schedule.advance(entry!);
      }
      assert.equal(await schedule.read('doc-aaaa'), undefined, 'the schedule ran out: the entry is gone');
      assert.equal(await schedule.size(), 2);
    } finally {
      restarted.disconnect();
    }
  });

  void it('off: nothing is scheduled', async () => {
    const schedule = createRecrawlSchedule(redis, `${prefix}-off`, []);
    assert.equal(schedule.enabled, false);
    assert.equal(await schedule.add([article('doc-cccc')], t0), 0);
  });
});
