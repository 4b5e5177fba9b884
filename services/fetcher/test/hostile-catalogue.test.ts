import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { HOSTILE_CASES } from './hostile/catalogue.ts';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

let server: BadServer;
let harness: Harness;
let closedPort = 0;

before(async () => {
  server = await startBadServer({
    '/to-loopback': (_req, res, self) =>
      void res.writeHead(302, { location: `http://127.0.0.1:${self.port}/ok` }).end(),
    '/to-metadata': (_req, res) => void res.writeHead(302, { location: 'http://169.254.169.254/latest/' }).end(),
    '/to-decimal': (_req, res) => void res.writeHead(302, { location: 'http://2852039166/latest/' }).end(),
    '/to-file': (_req, res) => void res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/to-compat': (_req, res, self) =>
      void res.writeHead(302, { location: `http://[::127.0.0.1]:${self.port}/ok` }).end(),
  });
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  harness = await startHarness({ FETCH_ALLOW_PRIVATE: 'site.test' });
});
after(async () => {
  await harness.close();
  await server.close();
});

const urlOf = (template: string): string =>
  template.replaceAll('{port}', String(server.port)).replaceAll('{closed}', String(closedPort));

for (const hostile of HOSTILE_CASES) {
  void test(`hostile: ${hostile.name} → ${hostile.expect.state}${hostile.expect.reason ? ` (${hostile.expect.reason})` : ''}`, async () => {
    const url = urlOf(hostile.url);
    let jobId: string;
    try {
      jobId = await harness.submit(url);
    } catch (error) {
      // A URL that cannot even be given an identity is refused at intake: that is its outcome.
      assert.equal(hostile.expect.reason, 'invalid-url', `${url} refused before queueing: ${String(error)}`);
      return;
    }
    const outcome = await harness.waitFor(jobId);
    const reason = outcome.state === 'failed' ? (outcome.failedReason?.split(':')[0] ?? '') : '';
    assert.deepEqual({ state: outcome.state, reason }, hostile.expect, `${url}: ${outcome.failedReason ?? ''}`);
    if (hostile.attempts !== undefined) assert.equal(outcome.attemptsMade, hostile.attempts, 'attempts used');
  });
}

void test('the catalogue holds at least 40 cases, every name once', () => {
  assert.ok(HOSTILE_CASES.length >= 40, String(HOSTILE_CASES.length));
  assert.equal(new Set(HOSTILE_CASES.map((hostile) => hostile.name)).size, HOSTILE_CASES.length);
});
