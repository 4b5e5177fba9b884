// `newsflow saved add|list|deliveries|rm` as a subprocess against a real API whose alert workers
// run on real Redis and Elasticsearch: a webhook to a private address shows up as a failed delivery.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAlerts } from '@newsflow/api';
import type { RunningAlerts } from '@newsflow/api';
import { articleDocument, startTestStack, withChecksPaused } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { runCli } from './run-cli.ts';

let stack: TestStack;
let alerts: RunningAlerts;
let env: Record<string, string>;

before(async () => {
  stack = await startTestStack({ SAVED_SEARCH_INTERVAL_MS: '300', SAVED_SEARCH_SETTLE_MS: '500' });
  alerts = await startAlerts(stack);
  env = { NEWSFLOW_API_URL: await stack.listen() };
});
after(async () => {
  await alerts?.close();
  await stack?.close();
});

/** Polls the CLI until both failed deliveries (article and story) are listed, or 30 s passed. */
async function failedDeliveries(id: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const run = await runCli(['saved', 'deliveries', id, '--failed'], env);
    const both = /article\.matched/.test(run.stdout) && /story\.matched/.test(run.stdout);
    if (both || Date.now() > deadline) return run.stdout;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

test('saved add, list, deliveries (a refused webhook is listed as failed) and rm', async () => {
  const add = await runCli(['saved', 'add', 'tapir', '--name', 'tapirs', '--webhook', 'http://10.0.0.1/hook'], env);
  assert.equal(add.code, 0, add.stderr);
  const [, id] = /^saved search ([0-9a-f]{16})$/m.exec(add.stdout) ?? [];
  assert.ok(id, add.stdout);
  assert.match(add.stdout, /webhook secret \(shown once\): [0-9a-f]{64}/);
  const listed = await runCli(['saved', 'list'], env);
  assert.match(listed.stdout, new RegExp(`^${id} +tapirs +tapir +http://10\\.0\\.0\\.1/hook`, 'm'));
  assert.doesNotMatch(listed.stdout, /[0-9a-f]{64}/, 'the secret is not listed');
  // Paused: a check while the bulk request is in flight would pass its indexedAt (see the API's test).
  await withChecksPaused(alerts.checks, () =>
    stack.indexDocuments([articleDocument('https://e.example/tapir', { title: 'Tapir calf', clusterId: 'c-tapir' })]),
  );
  const failed = await failedDeliveries(id);
  assert.match(failed, /article\.matched +failed +1 +ssrf-blocked: target is not an allowed address/);
  assert.match(failed, /story\.matched +failed +1 +ssrf-blocked/);
  assert.equal((await runCli(['saved', 'rm', id], env)).code, 0);
  const again = await runCli(['saved', 'rm', id], env);
  assert.equal(again.code, 6);
  assert.match(again.stderr, /no saved search/);
  assert.match((await runCli(['saved', 'list'], env)).stdout, /No saved searches/);
});

test('a bad saved search is rejected with the reason (exit 5)', async () => {
  const run = await runCli(['saved', 'add', 'x', '--webhook', 'ftp://example.com/h'], env);
  assert.equal(run.code, 5);
  assert.match(run.stderr, /webhookUrl: unsupported scheme "ftp"/);
});
