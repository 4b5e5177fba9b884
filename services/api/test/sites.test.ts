// Site discovery through the real pipeline: all four stages and the API as processes, a local site
// that has only a home page with article links (no feed, no sitemap), real Redis and Elasticsearch.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { waitFor } from '@newsflow/testkit';
import { articleHtml } from '@newsflow/warc/testing';
import { startPipelineStack } from './support/pipeline-stack.ts';
import type { PipelineStack } from './support/pipeline-stack.ts';

const ARTICLES = [
  '/2024/06/01/ferry-timetable-changes',
  '/2024/06/02/school-roof-repairs-begin',
  '/local/market-square-reopens-after-works',
];
const hits: string[] = [];
let site: Server;
let stack: PipelineStack;
let home: string;

before(async () => {
  const home = `<html><body><nav><a href="/tag/local">Local news and more</a><a href="/local">Local</a></nav>${ARTICLES.map((path) => `<a href="${path}">${path.split('/').at(-1)!.replaceAll('-', ' ')}</a>`).join('')}</body></html>`;
  site = createServer((request, response) => {
    hits.push(request.url ?? '');
    const path = request.url ?? '/';
    const index = ARTICLES.indexOf(path);
    if (path === '/' || path === '/local')
      return void response.writeHead(200, { 'content-type': 'text/html' }).end(home);
    if (index < 0) return void response.writeHead(404).end();
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(articleHtml(`Town story ${index} wombat`, `wombat ${path}`));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  stack = await startPipelineStack('sites', ['fetcher', 'cleaner', 'dedupe', 'indexer', 'api'], {
    FETCH_HOST_DELAY_MS: '100',
  });
});
after(async () => {
  await stack?.stop();
  site?.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${stack.pipeline.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

test('a site with only a home page and article links is discovered and its articles indexed', async () => {
  home = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  const response = await post('/api/sites', { url: home });
  assert.equal(response.status, 202);
  const found = await waitFor(
    'the three articles indexed',
    async () => {
      await stack.es.indices.refresh({ index: stack.names.readAlias }).catch(() => undefined);
      const result = await stack.es
        .search<{ title: string }>({ index: stack.names.readAlias, query: { match: { body: 'wombat' } } })
        .catch(() => undefined);
      return result && result.hits.hits.length >= 3 ? result.hits.hits : undefined;
    },
    120_000,
    500,
  );
  assert.deepEqual(found.map((hit) => hit._source?.title).sort(), [
    'Town story 0 wombat',
    'Town story 1 wombat',
    'Town story 2 wombat',
  ]);
  assert.equal(
    hits.filter((path) => path === '/').length,
    1,
    'the home page was read once, however often the host was busy',
  );
  assert.ok(!hits.includes('/tag/local'), 'tag pages are not fetched');
  const { sources } = (await (await fetch(`${stack.pipeline.apiUrl}/api/sources`)).json()) as {
    sources: Array<{ kind: string; url: string }>;
  };
  assert.deepEqual(sources.map((source) => [source.kind, source.url]).sort(), [
    ['section', home],
    ['section', `${home}local`],
  ]);
});

test('POST /api/sources validates its body; GET /api/sources?state=retired lists none yet', async () => {
  assert.equal((await post('/api/sources', { kind: 'podcast', url: home })).status, 400);
  assert.equal((await post('/api/sites', { url: 'ftp://example.com/' })).status, 400);
  const retired = (await (await fetch(`${stack.pipeline.apiUrl}/api/sources?state=retired`)).json()) as {
    sources: unknown[];
  };
  assert.deepEqual(retired.sources, []);
});
