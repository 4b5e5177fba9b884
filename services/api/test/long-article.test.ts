// Issue 11 finding 1: one article longer than index.highlight.max_analyzed_offset must not break
// search (API, page, CLI); and an Elasticsearch refusal reaches clients as a clean 5xx, without
// Elasticsearch's own text, and as HTML on the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { articleDocument, startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { runCli } from '../../../packages/cli/test/run-cli.ts';
import { json } from './helpers.ts';

let stack: TestStack;
let baseUrl = '';

before(async () => {
  stack = await startTestStack();
  baseUrl = await stack.listen();
  const paragraph = 'The harbour authority reported record tonnage again this quarter. ';
  const body = `${paragraph.repeat(Math.ceil(1_100_000 / paragraph.length))}Final sentence about lighthouses.`;
  assert.ok(body.length > 1_000_000);
  await stack.indexDocuments([
    articleDocument('https://long.example.org/report', { title: 'Harbour tonnage report', body, wordCount: 160_000 }),
    articleDocument('https://short.example.org/note', { title: 'A short harbour note', body: 'Short harbour text.' }),
  ]);
});
after(() => stack.close());

const get = (url: string) => stack.app.inject({ method: 'GET', url });

const cli = (args: string[]) => runCli(args, { NEWSFLOW_API_URL: baseUrl });

test('a >1,000,000-character article is found and highlighted by the API, with and without a query', async () => {
  const all = await get('/api/search');
  assert.equal(all.statusCode, 200, all.body);
  assert.equal((json(all.body) as { total: number }).total, 2);
  const words = await get('/api/search?q=harbour');
  assert.equal(words.statusCode, 200, words.body);
  const groups = (json(words.body) as { groups: Array<{ top: { highlight: { title?: string } } }> }).groups;
  assert.equal(groups.length, 2);
  assert.ok(groups.some((group) => /<mark>Harbour<\/mark> tonnage/.test(group.top.highlight.title ?? '')));
});

test('the search page and the CLI show the long article', async () => {
  const page = await get('/?q=tonnage');
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.match(page.body, /Harbour <mark>tonnage<\/mark> report/);
  const run = await cli(['search', 'tonnage']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Harbour tonnage report/);
});

test('an Elasticsearch refusal is a 502 without its internals, and the page stays HTML', async () => {
  // Point the read alias at an index whose mapping makes every search fail inside Elasticsearch.
  const broken = stack.names.versioned(99);
  await stack.elasticsearch.indices.create({
    index: broken,
    mappings: { properties: { publishedAt: { type: 'text' } } },
  });
  await stack.elasticsearch.index({ index: broken, id: 'x', document: { publishedAt: 'soon' }, refresh: true });
  const current = Object.keys(await stack.elasticsearch.indices.getAlias({ name: stack.names.readAlias }));
  await stack.elasticsearch.indices.updateAliases({
    actions: [
      ...current.map((index) => ({ remove: { index, alias: stack.names.readAlias } })),
      { add: { index: broken, alias: stack.names.readAlias } },
    ],
  });
  const api = await get('/api/search');
  assert.equal(api.statusCode, 502, api.body);
  assert.doesNotMatch(api.body, /exception|fielddata|publishedAt|nf-|shard/i);
  const page = await get('/');
  assert.equal(page.statusCode, 502);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.match(page.body, /search backend failed/);
  assert.doesNotMatch(page.body, /exception|fielddata|nf-/i);
});
