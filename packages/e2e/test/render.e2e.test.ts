// Issue 16 end to end: a JavaScript shell served on loopback (allow-listed) goes fetch → clean →
// render → clean → dedupe → index as separate processes on real Redis, Elasticsearch and Chromium,
// and is indexed with the text its script filled in. Without RENDER_ENABLED it fails as js-shell.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shellArticle, startShellSite } from '@newsflow/seeds';
import { waitFor } from '@newsflow/testkit';
import { useSitePipeline } from './support/site-pipeline.ts';

const TITLE = 'Breakwater finished before the winter storms';

describe('a JavaScript shell is rendered and indexed', () => {
  const run = useSitePipeline(
    'e2e-render',
    () => startShellSite(shellArticle(TITLE)),
    (site) => ({ FETCH_ALLOW_PRIVATE: `127.0.0.1:${site.port}`, RENDER_ENABLED: 'true' }),
  );
  const { names, es } = run;

  test('the shell page ends in the index with its rendered title and body', async () => {
    assert.ok(run.pipeline.processes.has('renderer'), 'RENDER_ENABLED starts the renderer');
    const url = `${run.site.origin}/news/breakwater`;
    const response = await fetch(`${run.pipeline.apiUrl}/api/urls`, {
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
