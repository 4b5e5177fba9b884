import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { FAST_RETRIES, startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

// Issue 11 finding 7: a huge Retry-After from one port of a host holds back that host:port only.
let busy: BadServer;
let other: BadServer;
let harness: Harness;

before(async () => {
  busy = await startBadServer({
    '/busy': (_req, res) => void res.writeHead(503, { 'retry-after': '86400' }).end(),
  });
  other = await startBadServer();
  harness = await startHarness({ FETCH_ALLOW_PRIVATE: 'site.test' });
});
after(async () => {
  await harness.close();
  await busy.close();
  await other.close();
});

void test('Retry-After on one port does not park requests to another port of the same host name', async () => {
  const parked = await harness.submit(busy.url('site.test', '/busy'), {}, { ...FAST_RETRIES, attempts: 2 });
  for (let i = 0; i < 100 && (await harness.stage.queues.fetch.getJobState(parked)) !== 'delayed'; i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(await harness.stage.queues.fetch.getJobState(parked), 'delayed', 'the busy port is held back');
  const elsewhere = await harness.waitFor(await harness.submit(other.url('site.test', '/ok')), 5_000);
  assert.equal(elsewhere.state, 'completed', JSON.stringify(elsewhere));
});
