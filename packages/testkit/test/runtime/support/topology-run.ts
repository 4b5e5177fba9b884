// The frame of a topology test: a local Redis topology started by devstack, an admin connection
// that rides out refused connections while a master is down, a round trip per queue; all of it
// stopped after the body, which must leave no node running.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { resolveConfig } from '@newsflow/config';
import type { Config } from '@newsflow/config';
import { createRedisClient } from '@newsflow/runtime';
import type { RedisClient } from '@newsflow/runtime';
import { uniquePrefix } from '@newsflow/testkit';
import { startRoundTrip } from './bullmq-round-trip.ts';
import type { RoundTrip } from './bullmq-round-trip.ts';

interface LocalTopology {
  env: Record<string, string>;
  nodes: ReadonlyArray<{ name: string; isRunning(): boolean }>;
  stop(): Promise<void>;
}

export interface TopologyRun<L> {
  local: L;
  config: Config;
  admin: RedisClient;
  /** the test's queue prefix */
  base: string;
  /** one per queue name, in order */
  trips: RoundTrip[];
}

export async function onTopology<L extends LocalTopology>(
  t: TestContext,
  start: (options: { log: (line: string) => void }) => Promise<L>,
  queues: readonly string[],
  body: (run: TopologyRun<L>) => Promise<void>,
): Promise<void> {
  const local = await start({ log: (line) => t.diagnostic(line) });
  const config = resolveConfig(local.env);
  const admin = createRedisClient(config, 'test-admin');
  admin.on('error', () => {}); // refused connections while the master is down: judged by results
  const base = uniquePrefix('topology');
  const trips = queues.map((name) => startRoundTrip(config, base, name));
  try {
    await body({ local, config, admin, base, trips });
  } finally {
    await Promise.all(trips.map((trip) => trip.close()));
    admin.disconnect();
    await local.stop();
  }
  for (const node of local.nodes) assert.equal(node.isRunning(), false, `${node.name} still running after stop()`);
}
