// Runs the fetch section of the hostile-input catalogue (@newsflow/testkit) against a real fetch worker
// and a real misbehaving HTTP server on loopback; each case's outcome is asserted as the data says.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { identityOf } from '@newsflow/contracts';
import { HOSTILE_CATALOGUE, hostileLedger } from '@newsflow/testkit';
import type { FetchCase } from '@newsflow/testkit';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { closeInOrder, startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';
import { HOSTILE_ROUTES } from './support/hostile-routes.ts';

let server: BadServer;
let harness: Harness;
let closedPort = 0;
const ledger = hostileLedger('fetch');

before(async () => {
  server = await startBadServer(HOSTILE_ROUTES);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  harness = await startHarness({
    FETCH_ALLOW_PRIVATE: 'site.test',
    FETCH_DISCOVERY_MAX_URLS: '50',
    FETCH_SITEMAP_MAX_CHILDREN: '5',
  });
});
after(async () => {
  await ledger.write();
  await closeInOrder(harness, server);
});

const urlOf = (template: string): string =>
  template.replaceAll('{port}', String(server.port)).replaceAll('{closed}', String(closedPort));

/** Every job the fetch queue holds, whatever its state. */
async function jobCount(): Promise<number> {
  const counts = await harness.stage.queues.fetch.getJobCounts();
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

async function runCase(hostile: FetchCase): Promise<void> {
  const url = urlOf(hostile.url);
  const before = await jobCount();
  let jobId: string;
  try {
    jobId = await harness.submit(url, {}, undefined, hostile.kind ?? 'fetch');
  } catch (error) {
    // A URL that cannot even be given an identity is refused at intake: that is its outcome.
    assert.equal(hostile.expect.reason, 'invalid-url', `${url} refused before queueing: ${String(error)}`);
    return;
  }
  const outcome = await harness.waitFor(jobId);
  const reason = outcome.state === 'failed' ? (outcome.failedReason?.split(':')[0] ?? '') : '';
  assert.deepEqual({ state: outcome.state, reason }, hostile.expect, `${url}: ${outcome.failedReason ?? ''}`);
  if (hostile.attempts !== undefined) assert.equal(outcome.attemptsMade, hostile.attempts, 'attempts used');
  if (hostile.cleaned !== undefined)
    assert.equal(
      (await harness.cleanJob(identityOf(url).docId)) !== undefined,
      hostile.cleaned,
      'went on to the cleaner',
    );
  if (hostile.enqueuesAtMost !== undefined) {
    await sleep(100);
    const added = (await jobCount()) - before - 1;
    assert.ok(added <= hostile.enqueuesAtMost, `${added} jobs added, at most ${hostile.enqueuesAtMost}`);
  }
}

for (const hostile of HOSTILE_CATALOGUE.fetch) {
  const outcome = `${hostile.expect.state}${hostile.expect.reason ? ` (${hostile.expect.reason})` : ''}`;
  void test(`hostile fetch: ${hostile.name} → ${outcome}`, () => ledger.track(hostile.name, () => runCase(hostile)));
}

void test('the fetch section holds at least 40 cases, every name once', () => {
  const names = HOSTILE_CATALOGUE.fetch.map((hostile) => hostile.name);
  assert.ok(names.length >= 40, String(names.length));
  assert.equal(new Set(names).size, names.length);
});
