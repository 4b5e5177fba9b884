import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countArticles, getArticle, getCluster, searchArticles, SearchParamsError } from '../src/index.ts';
import { createTestIndex, makeDocument, writeDocuments } from './support/es.ts';
import type { TestIndex } from './support/es.ts';

void describe('search helpers against Elasticsearch', () => {
  let es: TestIndex;
  const bridge = [
    makeDocument({
      clusterId: 'c-bridge',
      domain: 'a.com',
      publishedAt: '2026-11-20T08:00:00Z',
      title: 'Harbour bridge approved by council',
    }),
    makeDocument({
      clusterId: 'c-bridge',
      domain: 'b.com',
      publishedAt: '2026-11-20T09:00:00Z',
      title: 'Council says yes to harbour bridge',
    }),
    makeDocument({
      clusterId: 'c-bridge',
      domain: 'c.com',
      publishedAt: '2026-11-20T07:00:00Z',
      title: 'Bridge over the harbour gets the green light',
    }),
  ];
  const other = makeDocument({
    clusterId: 'c-rain',
    domain: 'a.com',
    language: 'de',
    title: 'Heavy rain expected',
    body: 'Storms and rain over the weekend.',
    flags: { paywall: true, jsShell: false, blocked: false, notArticle: false },
  });

  before(async () => {
    es = await createTestIndex();
    await writeDocuments(es.client, es.names.writeAlias, [...bridge, other], { refresh: true });
  });
  after(async () => es.cleanup());

  void it('collapses copies of a cluster into one group with highlights', async () => {
    const result = await searchArticles(es.client, es.names, { q: 'harbour bridge' });
    assert.equal(result.total, 3);
    assert.equal(result.totalGroups, 1);
    assert.equal(result.groups.length, 1);
    const group = result.groups[0]!;
    assert.equal(group.clusterId, 'c-bridge');
    assert.equal(group.copies.length, 2);
    assert.ok(!group.copies.some((copy) => copy.docId === group.top.docId));
    assert.match(group.top.highlight.title ?? '', /<mark>[Hh]arbour<\/mark>/);
    assert.ok(group.top.highlight.body?.[0]?.includes('<mark>'));
    assert.equal(group.top.article.body, undefined, 'bodies stay out of result lists');
  });

  void it('returns every hit without collapse, and filters by domain, language and flags', async () => {
    assert.equal((await searchArticles(es.client, es.names, { collapse: 'none' })).hits.length, 4);
    assert.equal((await searchArticles(es.client, es.names, { collapse: 'none', domain: ['A.com'] })).total, 2);
    assert.equal((await searchArticles(es.client, es.names, { language: ['de'] })).hits[0]?.docId, other.docId);
    assert.equal((await searchArticles(es.client, es.names, { flags: ['paywall'] })).total, 1);
    assert.equal((await searchArticles(es.client, es.names, { flags: ['-paywall'], collapse: 'none' })).total, 3);
    assert.equal(
      (await searchArticles(es.client, es.names, { from: '2026-11-20T08:30:00Z', to: '2026-11-21' })).total,
      2,
    );
  });

  void it('collapses by story, keeping articles without a story apart', async () => {
    const result = await searchArticles(es.client, es.names, { collapse: 'story' });
    assert.equal(result.groups.length, 2);
  });

  void it('treats query syntax from users as text, never as DSL', async () => {
    for (const q of ['{"query":{"match_all":{}}}', '*:*', 'title:rain', '"unbalanced', '((( OR', '\\', '<script>']) {
      const result = await searchArticles(es.client, es.names, { q });
      assert.ok(result.total < 4, `q=${q} must not match everything`);
    }
    await assert.rejects(searchArticles(es.client, es.names, { size: 1000 }), SearchParamsError);
    await assert.rejects(searchArticles(es.client, es.names, { query: { match_all: {} } } as never), SearchParamsError);
  });

  void it('gets one article, a cluster timeline and counts', async () => {
    const stored = await getArticle(es.client, es.names, bridge[0]!.docId);
    assert.equal(stored?.article.title, bridge[0]!.title);
    assert.equal(stored?.article.body, bridge[0]!.body);
    assert.equal(await getArticle(es.client, es.names, 'nope-not-there'), null);
    const timeline = await getCluster(es.client, es.names, 'c-bridge');
    assert.deepEqual(
      timeline.articles.map((hit) => hit.article.domain),
      ['c.com', 'a.com', 'b.com'],
    );
    assert.equal(await countArticles(es.client, es.names), 4);
    assert.equal(await countArticles(es.client, es.names, { q: 'rain' }), 1);
  });
});
