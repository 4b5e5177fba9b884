// The back-pressure judgement's pure parts: the key-table reserve and the projection it enters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeBacklog, keyspaceCounts, keyTableReserveMb, projectedRedisMemoryMb } from '../src/backlog.ts';

test('the key-table reserve is 16 bytes per slot of the tables now sized for the keys', () => {
  assert.equal(keyTableReserveMb(0, 0), 0);
  // 262,145 keys sit in a 524,288-slot table, which doubles at 524,288 keys: 8 MB at once
  assert.equal(keyTableReserveMb(262_145, 0), 8);
  assert.equal(keyTableReserveMb(262_144, 0), 4, 'a full table of 2^18 slots');
  assert.equal(keyTableReserveMb(262_144, 100_000), 6, 'the expiry table counts beside it (131,072 slots: 2 MB)');
});

test('INFO keyspace: keys and expiries summed over the databases', () => {
  const info = '# Keyspace\r\ndb0:keys=1200,expires=30,avg_ttl=5000\r\ndb3:keys=5,expires=0,avg_ttl=0\r\n';
  assert.deepEqual(keyspaceCounts(info), { keys: 1205, expires: 30 });
  assert.deepEqual(keyspaceCounts('# Keyspace\r\n'), { keys: 0, expires: 0 });
});

test('the memory bound is held against used memory, the reserve and the jobs not done', () => {
  const bounds = { maxJobs: 0, maxRedisMemoryMb: 256, redisKbPerJob: 48, timeoutMs: 1_000, retryAfterSeconds: 5 };
  const reading = { queues: {}, jobs: 1_000, redisMemoryMb: 200, redisReserveMb: 8 };
  assert.equal(projectedRedisMemoryMb(reading, bounds), 254.9);
  assert.equal(judgeBacklog(reading, bounds).open, true);
  const closed = judgeBacklog({ ...reading, redisReserveMb: 16 }, bounds);
  assert.equal(closed.open, false);
  assert.match(
    closed.open ? '' : closed.reason,
    /^Redis holds 200 MB \(16 MB more once its key tables next double\) and the 1000 jobs waiting or running will leave it about 262.9 MB/,
  );
});
