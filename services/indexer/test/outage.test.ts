import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readIndexerHealth } from '@newsflow/search';
import { makeDocument, startHarness, upsert } from './support/harness.ts';
import type { Harness } from './support/harness.ts';
import { startFaultProxy, TEST_ELASTICSEARCH_URL } from '@newsflow/testkit';
import type { FaultProxy } from '@newsflow/testkit';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

void describe('indexer during an Elasticsearch outage', () => {
  let proxy: FaultProxy;
  let h: Harness;
  before(async () => {
    proxy = await startFaultProxy(TEST_ELASTICSEARCH_URL);
    h = await startHarness({ esUrl: proxy.url, env: { INDEX_BATCH_SIZE: '10' } });
  });
  after(async () => {
    proxy.setMode('pass');
    await h.cleanup();
    await proxy.close();
  });

  for (const mode of ['refuse', 'drop'] as const) {
    void it(`pauses while Elasticsearch ${mode === 'refuse' ? 'refuses connections' : 'does not answer'}, loses nothing and resumes`, async () => {
      const env = h.queuePrefix;
      await h.queue.clean(0, 10_000, 'completed');
      proxy.setMode(mode);
      const docs = Array.from({ length: 30 }, () => makeDocument());
      for (const doc of docs) await h.add(upsert(doc), `${mode}-${doc.docId}`);
      await waitFor(async () => (await readIndexerHealth(h.redis, env)).status === 'down');
      const health = await readIndexerHealth(h.redis, env);
      assert.equal(health.paused, true);
      assert.ok(health.lastError);
      await sleep(1_500);
      const during = await h.queue.getJobCounts('completed', 'failed', 'waiting', 'active');
      assert.equal(during.completed, 0);
      assert.equal(during.failed, 0);
      assert.equal((during.waiting ?? 0) + (during.active ?? 0), 30, 'the jobs wait in Redis');
      proxy.setMode('pass');
      assert.deepEqual(await h.settle(30, 30_000), { completed: 30, failed: 0 });
      await waitFor(async () => (await readIndexerHealth(h.redis, env)).status !== 'down');
      await h.client.indices.refresh({ index: h.names.readAlias });
      const count = await h.client.count({
        index: h.names.readAlias,
        query: { ids: { values: docs.map((doc) => doc.docId) } },
      });
      assert.equal(count.count, 30);
    });
  }
});
