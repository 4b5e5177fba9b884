// An article a re-crawl changed: GET /api/articles/:id/versions lists its versions oldest first,
// the article page lists them with what changed (attacker-written titles escaped), and the search
// page marks the article as updated.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { articleVersionId } from '@newsflow/contracts';
import type { ArticleVersion } from '@newsflow/contracts';
import { createEsClient, ensureHistoryIndex } from '@newsflow/search';
import { articleDocument, testStackWith } from '@newsflow/api/testing';

const current = {
  ...articleDocument('https://news.example/bridge', {
    title: 'Bridge to close in autumn',
    body: 'The council voted on Tuesday. Work starts in the autumn with the zebra crossing moved.',
    clusterId: 'cluster-bridge',
  }),
  // what the indexer writes for version 2 (see services/indexer/src/versions)
  version: 2,
  updatedAt: '2026-12-02T14:00:00.000Z',
  changes: {
    titleChanged: true,
    paragraphsAdded: 0,
    paragraphsRemoved: 0,
    paragraphsChanged: 1,
    wordsChanged: 6,
    summary: 'title changed; 1 paragraph changed (6 words)',
  },
};
const first: ArticleVersion = {
  docId: current.docId,
  version: 1,
  url: current.url,
  title: 'Bridge <script>window.pwned=1</script> to close',
  body: 'The council voted on Tuesday. Work starts next summer.',
  wordCount: 9,
  fetchedAt: '2026-12-02T08:00:00.000Z',
  replacedAt: '2026-12-02T14:00:00.000Z',
};

const { stack, get } = testStackWith([current]);
const es = createEsClient(process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200');
after(async () => {
  await es.indices.delete({ index: stack().names.history }).catch(() => undefined);
  await es.close();
});

async function keepFirstVersion(): Promise<void> {
  const { names } = stack();
  await ensureHistoryIndex(es, names);
  await es.index({ index: names.history, id: articleVersionId(first.docId, 1), document: first, refresh: true });
}

test('the versions API lists the kept version, then the indexed one', async () => {
  await keepFirstVersion();
  const response = await get(`/api/articles/${current.docId}/versions`);
  assert.equal(response.statusCode, 200);
  const { versions } = response.json() as { versions: Array<ArticleVersion & { current?: boolean }> };
  assert.deepEqual(
    versions.map((version) => [version.version, version.title, Boolean(version.current)]),
    [
      [1, first.title, false],
      [2, current.title, true],
    ],
  );
  assert.equal(versions[1]!.changes?.summary, current.changes.summary);
  assert.equal((await get('/api/articles/not-a-known-doc/versions')).statusCode, 404);
});

test('the article page lists the versions with what changed, titles escaped; search says updated', async () => {
  await keepFirstVersion();
  const page = (await get(`/articles/${current.docId}`)).body;
  assert.match(page, /<h2 id="versions">Versions<\/h2>/);
  assert.match(page, /version 2<\/strong> \(current\) title changed; 1 paragraph changed \(6 words\)/);
  assert.match(page, /version 1<\/strong> first seen/);
  assert.match(page, /Bridge &lt;script&gt;window.pwned=1&lt;\/script&gt; to close/);
  assert.doesNotMatch(page, /<script>window/);
  const search = (await get('/?q=zebra')).body;
  assert.match(search, new RegExp(`<a class="updated" href="/articles/${current.docId}#versions">updated</a>`));
});
