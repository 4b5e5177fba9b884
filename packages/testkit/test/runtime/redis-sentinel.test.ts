// The connection factory and BullMQ through Redis Sentinel (1 master, 1 replica, 3 sentinels,
// started by devstack): jobs flow, the master is killed, the promoted replica carries on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { startRedisSentinel } from '@newsflow/devstack';
import { createRedisClient, redisMasters, redisTopology } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';
import { clearPrefix, listKeys, waitFor } from '@newsflow/testkit';
import { onTopology } from './support/topology-run.ts';

/** the port of the server this connection talks to, as the server itself says */
async function serverPort(redis: RedisClient): Promise<number> {
  return Number(/tcp_port:(\d+)/.exec(await redis.info('server'))?.[1]);
}

void test(
  'BullMQ through Redis Sentinel: jobs flow again once the replica is promoted',
  { timeout: 120_000 },
  async (t) =>
    onTopology(t, startRedisSentinel, ['fetch'], async ({ local, config, admin, base, trips }) => {
      const trip = trips[0]!;
      assert.equal(redisTopology(config), 'sentinel');
      const probe = createRedisClient(config, 'probe');
      probe.disconnect();
      assert.ok(probe instanceof Redis, 'a Sentinel connection is a plain Redis');
      assert.deepEqual(redisMasters(admin), [admin]);
      await trip.send('first', 30_000);
      const before = await local.masterPort();
      assert.equal(await serverPort(admin), before, 'connected to the master the sentinels name');

      await local.node(before).kill();
      const recoveredMs = await trip.send('after-kill', 60_000);
      const after = await local.masterPort();
      t.diagnostic(`master ${before} killed: replica ${after} promoted, a new job processed ${recoveredMs} ms later`);
      assert.notEqual(after, before);
      await waitFor(
        'the admin connection on the new master',
        async () => ((await admin.set(`${base}:probe`, '1')) === 'OK' ? true : undefined),
        30_000,
      );
      assert.equal(await serverPort(admin), after);

      await clearPrefix(admin, base);
      assert.deepEqual(await listKeys(admin, `${base}:*`), []);
    }),
);
