import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { identityOf } from '@newsflow/contracts';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

// Issue 11 finding 5: a page's claim about another URL (a redirect to it, a rel=canonical naming
// it) must never make that URL vanish; only a URL's own fetch can show it is a known document.
// The cleaner records no canonical claim at all (services/cleaner/test/handle-clean.test.ts).

let server: BadServer;
let harness: Harness;

before(async () => {
  server = await startBadServer({
    '/attacker': (_req, res, self) =>
      void res.writeHead(302, { location: self.url('site.test', '/page/victim') }).end(),
    '/old-address': (_req, res, self) =>
      void res.writeHead(301, { location: self.url('site.test', '/page/victim') }).end(),
  });
  harness = await startHarness({ FETCH_ALLOW_PRIVATE: 'site.test' });
});
after(async () => {
  await harness.close();
  await server.close();
});

async function fetchOf(path: string): Promise<{ cleaned: boolean }> {
  const url = server.url('site.test', path);
  const id = await harness.submit(url);
  assert.equal((await harness.waitFor(id)).state, 'completed');
  return { cleaned: (await harness.cleanJob(identityOf(url).docId)) !== undefined };
}

void test('a page redirecting to a victim URL does not stop the victim from being fetched', async () => {
  assert.equal((await fetchOf('/attacker')).cleaned, true);
  assert.equal((await fetchOf('/page/victim')).cleaned, true, 'the victim went on to the cleaner');
});

void test('a URL redirecting to a page already fetched still goes on (dedupe folds the copies)', async () => {
  assert.equal((await fetchOf('/old-address')).cleaned, true);
});
