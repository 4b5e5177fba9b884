// Issue 11: after a long Elasticsearch outage the indexer resumed only when its backoff (up to
// INDEX_BACKOFF_MAX_MS, 30 s) ran out, ~35 s after Elasticsearch was back. While it gets no answer
// it now probes cluster health every INDEX_OUTAGE_PROBE_MS and resumes on the first answer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHttpFaultProxy, TEST_ELASTICSEARCH_URL, waitFor } from '@newsflow/testkit';
import type { HttpFaultProxy } from '@newsflow/testkit';
import { makeDocument, startHarness, upsert } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

// Every backoff is 8-16 s (equal jitter on a 16 s ceiling): without the probe, the wait running
// when Elasticsearch returns 5 s into the outage still has at least 3 s to go.
const BACKOFF_MS = '16000';
const OUTAGE_MS = 5_000;
const RESUME_WITHIN_MS = 2_000;

let proxy: HttpFaultProxy;
let h: Harness;
before(async () => {
  proxy = await startHttpFaultProxy(TEST_ELASTICSEARCH_URL);
  h = await startHarness({
    esUrl: proxy.url,
    env: { INDEX_BACKOFF_MS: BACKOFF_MS, INDEX_BACKOFF_MAX_MS: BACKOFF_MS, INDEX_OUTAGE_PROBE_MS: '500' },
  });
});
after(async () => {
  proxy.setMode('pass');
  await h.cleanup();
  await proxy.close();
});

void test('indexing resumes within ~2 s of Elasticsearch answering again, not after the running backoff', async () => {
  proxy.setMode('down');
  const docs = Array.from({ length: 20 }, () => makeDocument());
  for (const doc of docs) await h.add(upsert(doc), `resume-${doc.docId}`);
  await waitFor('the indexer to meet the outage', async () => ((proxy.counts().down ?? 0) >= 1 ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  assert.equal((await h.queue.getJobCounts('completed')).completed ?? 0, 0, 'nothing indexed during the outage');
  proxy.setMode('pass');
  const back = Date.now();
  assert.deepEqual(await h.settle(docs.length, RESUME_WITHIN_MS), { completed: docs.length, failed: 0 });
  const resumedAfterMs = Date.now() - back;
  assert.ok(resumedAfterMs < RESUME_WITHIN_MS, `resumed ${resumedAfterMs} ms after Elasticsearch was back`);
  await h.client.indices.refresh({ index: h.names.readAlias });
  const count = await h.client.count({
    index: h.names.readAlias,
    query: { ids: { values: docs.map((d) => d.docId) } },
  });
  assert.equal(count.count, docs.length);
});
