import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHttpFaultProxy } from '../src/http-fault-proxy.ts';
import type { HttpFaultProxy } from '../src/http-fault-proxy.ts';
import { TEST_ELASTICSEARCH_URL as ES_URL } from '../src/backends.ts';

let proxy: HttpFaultProxy;
const HEALTH = () => `${proxy.url}/_cluster/health`;

before(async () => {
  proxy = await startHttpFaultProxy(ES_URL);
});
after(() => proxy.close());

void test('in pass the real Elasticsearch answers through the proxy, unchanged', async () => {
  const direct = (await (await fetch(`${ES_URL}/_cluster/health`)).json()) as { cluster_name: string };
  const proxied = await fetch(`${proxy.url}/_cluster/health`);
  assert.equal(proxied.status, 200);
  const name = ((await proxied.json()) as { cluster_name: string }).cluster_name;
  assert.ok(name, 'a cluster name came back');
  assert.equal(name, direct.cluster_name);
});

void test('429 and 503 answer every request with that status and an Elasticsearch-shaped error', async () => {
  for (const status of [429, 503] as const) {
    proxy.setMode(status);
    const answer = await fetch(`${proxy.url}/_bulk`, { method: 'POST', body: '{}\n' });
    assert.equal(answer.status, status);
    assert.equal(((await answer.json()) as { status: number }).status, status);
  }
  proxy.setMode('pass');
  assert.equal((await fetch(HEALTH())).status, 200);
});

void test('down resets connections, kept-alive ones included, and pass brings the server back', async () => {
  assert.equal((await fetch(HEALTH())).status, 200); // leaves a kept-alive connection open
  proxy.setMode('down');
  await assert.rejects(fetch(HEALTH()));
  proxy.setMode('pass');
  assert.equal((await fetch(HEALTH())).status, 200);
  assert.ok((proxy.counts().down ?? 0) + (proxy.counts().pass ?? 0) >= 3);
});
