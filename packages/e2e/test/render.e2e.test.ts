// Issue 16 end to end: a JavaScript shell served on loopback (allow-listed) goes fetch → clean →
// render → clean → dedupe → index as separate processes on real Redis, Elasticsearch and Chromium,
// and is indexed with the text its script filled in. Without RENDER_ENABLED it fails as js-shell.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEsClient, indexNames } from '@newsflow/search';
import { shellArticle, startShellSite } from '@newsflow/seeds';
import type { ShellSite } from '@newsflow/seeds';
import { removeTestData, spawnTestPipeline, uniquePrefix, waitFor, TEST_ELASTICSEARCH_URL } from '@newsflow/testkit';
import type { RunningPipeline } from '@newsflow/testkit';

const TITLE = 'Breakwater finished before the winter storms';

describe('a JavaScript shell is rendered and indexed', () => {
  const prefix = uniquePrefix('e2e-render');
  const names = indexNames(prefix);
  const es = createEsClient(TEST_ELASTICSEARCH_URL);
  let site: ShellSite;
  let pipeline: RunningPipeline;

  before(async () => {
    site = await startShellSite(shellArticle(TITLE));
    pipeline = await spawnTestPipeline(prefix, {
      FETCH_ALLOW_PRIVATE: `127.0.0.1:${site.port}`,
      RENDER_ENABLED: 'true',
    });
  });

  after(async () => {
    await pipeline?.stop();
    await site?.close();
    await removeTestData(es, prefix, names.templateName);
    await es.close();
  });

  test('the shell page ends in the index with its rendered title and body', async () => {
    assert.ok(pipeline.processes.has('renderer'), 'RENDER_ENABLED starts the renderer');
    const url = `${site.origin}/news/breakwater`;
    const response = await fetch(`${pipeline.apiUrl}/api/urls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([url]),
    });
    assert.equal(response.status, 202);
    const hit = await waitFor(
      'the rendered shell page in the index',
      async () => {
        await es.indices.refresh({ index: names.readAlias }).catch(() => undefined);
        const found = await es.search({ index: names.readAlias, query: { match_all: {} } }).catch(() => null);
        return found?.hits.hits[0]?._source as { title: string; body: string } | undefined;
      },
      90_000,
    );
    assert.equal(hit.title, TITLE);
    assert.match(hit.body, /breakwater will be finished before the winter storms/);
  });
});
