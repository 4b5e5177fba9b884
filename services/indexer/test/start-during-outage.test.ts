// Regression (found by the fault suite, issue 11): an indexer started while Elasticsearch was
// unreachable exited at once on the analysis probe's ECONNRESET; restarted by a supervisor it
// crash-looped for the whole outage. It must wait, then run, as a running indexer does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnService, startHttpFaultProxy, stopProcesses, uniquePrefix, waitFor } from '@newsflow/testkit';
import type { HttpFaultMode } from '@newsflow/testkit';

const ES_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6380';

for (const mode of ['down', 503] as const satisfies HttpFaultMode[]) {
  void test(`an indexer started while Elasticsearch is ${mode} waits for it, then runs`, async () => {
    const proxy = await startHttpFaultProxy(ES_URL);
    proxy.setMode(mode);
    const prefix = uniquePrefix('idx-start');
    const lines: string[] = [];
    const env = { ...process.env, REDIS_URL, ELASTICSEARCH_URL: proxy.url, LOG_LEVEL: 'info' };
    const child = spawnService(
      'indexer',
      { ...env, NEWSFLOW_QUEUE_PREFIX: prefix, NEWSFLOW_INDEX_PREFIX: prefix, INDEX_BACKOFF_MAX_MS: '500' },
      (_service, line) => lines.push(line),
    );
    try {
      await waitFor('the outage to be noticed', async () => ((proxy.counts()[mode] ?? 0) >= 3 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(child.exitCode, null, `the indexer is still running: ${lines.slice(-5).join('\n')}`);
      proxy.setMode('pass');
      await waitFor('the indexer to run', async () =>
        lines.some((line) => line.includes('indexer running')) ? true : undefined,
      );
      const alias = await fetch(`${ES_URL}/_alias/${prefix}*`);
      assert.equal(alias.status, 200, 'the index was made once Elasticsearch answered');
    } finally {
      await stopProcesses([child]);
      await fetch(`${ES_URL}/${prefix}*`, { method: 'DELETE' }).catch(() => undefined);
      await proxy.close();
    }
  });
}
