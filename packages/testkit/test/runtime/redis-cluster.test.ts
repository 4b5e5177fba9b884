// The connection factory and BullMQ on a real local Redis Cluster (3 masters + 3 replicas, started
// by devstack): each queue's keys in one slot, queues spread over slots, a master killed mid-run;
// then the re-crawl schedule's scripts, whose keys share one slot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Cluster } from 'ioredis';
import { startRedisCluster } from '@newsflow/devstack';
import { createRecrawlSchedule, redisMasters, redisTopology } from '@newsflow/runtime';
import { clearPrefix, listKeys } from '@newsflow/testkit';
import { onTopology } from './support/topology-run.ts';

const QUEUES = ['fetch', 'clean', 'dedupe', 'index'];

async function slotOf(cluster: Cluster, key: string): Promise<number> {
  return Number(await cluster.cluster('KEYSLOT', key));
}

/** port of the master serving a slot, from the client's own slot map */
function masterPortOf(cluster: Cluster, slot: number): number {
  const owner = cluster.slots[slot]?.[0];
  assert.ok(owner, `slot ${slot} has no owner`);
  return Number(owner.split(':').at(-1));
}

void test(
  'BullMQ on a Redis Cluster: a slot per queue, and jobs flow again after a master is killed',
  { timeout: 180_000 },
  async (t) =>
    onTopology(t, startRedisCluster, QUEUES, async ({ local, config, admin, base, trips }) => {
      assert.equal(redisTopology(config), 'cluster');
      assert.ok(admin instanceof Cluster);
      for (const trip of trips) await trip.send('first', 30_000);
      assert.equal(redisMasters(admin).length, 3);

      const keys = await listKeys(admin, `${base}:*`);
      const slots = new Map<string, Set<number>>();
      for (const key of keys) {
        const queue = /\{(\w+)\}/.exec(key)?.[1] ?? '(untagged)';
        slots.set(queue, (slots.get(queue) ?? new Set()).add(await slotOf(admin, key)));
      }
      assert.deepEqual([...slots.keys()].sort(), [...QUEUES].sort(), 'every key carries its queue tag');
      for (const [queue, found] of slots) assert.equal(found.size, 1, `${queue}: keys in ${found.size} slots`);
      const queueSlots = [...slots.values()].map((found) => [...found][0]!);
      assert.equal(new Set(queueSlots).size, QUEUES.length, 'each queue has a slot of its own');
      const masters = new Set(queueSlots.map((slot) => masterPortOf(admin, slot)));
      t.diagnostic(`queue slots ${queueSlots.join(', ')} on ${masters.size} of 3 masters`);
      assert.ok(masters.size >= 2, 'the queues are spread over several masters');

      const fetchSlot = await slotOf(admin, `${base}:{fetch}:fetch:wait`);
      const victim = masterPortOf(admin, fetchSlot);
      await local.node(victim).kill();
      const recoveredMs = await trips[0]!.send('after-kill', 60_000);
      t.diagnostic(`master ${victim} killed: a new fetch job was processed ${recoveredMs} ms later`);
      await local.waitHealthy(30_000);
      const promoted = (await local.members()).find(
        (member) => member.role === 'master' && member.ownsSlots && member.port !== victim,
      );
      assert.ok(promoted);
      for (const trip of trips.slice(1)) await trip.send('second', 30_000);

      // The re-crawl schedule's scripts declare both their keys, which share the {recrawl} tag.
      const recrawl = createRecrawlSchedule(admin, base, [60_000, 120_000]);
      const t0 = Date.now();
      assert.equal(
        await recrawl.add([{ docId: 'doc-recrawl', url: 'https://news.example/a', firstFetchMs: t0 }], t0),
        1,
      );
      const [claimed] = await recrawl.claimDue(t0 + 60_000, 10, 30_000);
      assert.equal(claimed?.docId, 'doc-recrawl');
      assert.equal(await recrawl.advance(claimed!), true);
      assert.equal((await recrawl.read('doc-recrawl'))?.step, 2, 'claimed and moved on, on the cluster');
      const recrawlKeys = await listKeys(admin, `${base}:{recrawl}:*`);
      assert.equal(recrawlKeys.length, 2);
      const recrawlSlots = new Set(await Promise.all(recrawlKeys.map((key) => slotOf(admin, key))));
      assert.equal(recrawlSlots.size, 1, 'the due set and the entries share one slot');

      await clearPrefix(admin, base);
      assert.deepEqual(await listKeys(admin, `${base}:*`), [], 'clearPrefix scanned every master');
    }),
);
