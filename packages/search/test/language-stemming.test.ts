// Real stemming: a node of its own, started by devstack with the language analyzers the official
// image has (Lucene's German, English, … analyzers installed as a plugin into a copy of the zip).
// The template must then keep those analyzers, and a German query must find German inflections.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startNativeElasticsearch } from '@newsflow/devstack';
import type { NativeService } from '@newsflow/devstack';
import {
  createEsClient,
  ensureArticlesIndex,
  indexNames,
  probeAnalysisSupport,
  searchArticles,
  shippedTemplate,
} from '../src/index.ts';
import type { Client } from '../src/index.ts';
import { languageArticle, liveAnalyzers, writeDocuments } from './support/es.ts';
import { LANGUAGE_TYPES } from './support/recorded-answers.ts';

const german = languageArticle('district-housing');
const english = languageArticle('volunteer-ferries');

void describe('language analyzers on a node that has them', { timeout: 420_000 }, () => {
  let node: NativeService;
  let client: Client;
  const names = indexNames('t-stemming');
  before(async () => {
    node = await startNativeElasticsearch({ purpose: 'test', log: () => {}, languageAnalyzers: true });
    client = createEsClient(node.url);
    await ensureArticlesIndex(client, names);
    await writeDocuments(client, names.writeAlias, [german, english], { refresh: true });
  });
  after(async () => {
    await client?.close();
    await node?.stop();
  });

  void it('is answered yes for each language analyzer, and the template keeps them', async () => {
    const support = await probeAnalysisSupport(client, shippedTemplate().template.settings.analysis);
    for (const type of LANGUAGE_TYPES) assert.equal(support.analyzers[type], true, type);
    assert.equal(support.analyzers.polish, false);
    const live = await liveAnalyzers(client, names.readAlias);
    assert.equal(live.newsflow_de?.type, 'german');
    assert.equal(live.newsflow_en?.type, 'english');
    assert.equal(live.newsflow_pl?.type, 'standard', 'polish (stempel) is not there: fallback');
  });

  void it('finds German articles by other inflections of their words, and marks them', async () => {
    const ids = async (q: string) =>
      (await searchArticles(client, names, { q, collapse: 'none' })).hits.map((hit) => hit.docId);
    assert.deepEqual(await ids('Haus'), [german.docId], 'Häuser → haus');
    // Only German analyses a German article now (body_lang.de): 'günstig' and 'Wohnung' reach
    // 'günstige Wohnungen' through the German stemmer alone. (v3 also matched 'Bürgermeisters',
    // through the English stemmer on body.en; German's light stemmer keeps the genitive s.)
    assert.deepEqual(await ids('Wohnung günstig'), [german.docId]);
    assert.deepEqual(await ids('volunteer runs'), [english.docId], 'the English stemmer on body_lang.en');
    const inField = async (field: string, text: string) =>
      (await client.search({ index: names.readAlias, query: { match: { [field]: text } } })).hits.hits.map(
        (hit) => hit._id,
      );
    assert.deepEqual(await inField('body_lang.en', 'Wohnungen'), [], 'a German text is not in the English field');
    assert.deepEqual(await inField('body', 'Wohnungen'), [german.docId], 'the neutral field is as before');
    const hit = (await searchArticles(client, names, { q: 'Haus Wohnung' })).hits[0];
    assert.match(hit?.highlight.title ?? '', /<mark>Häuser<\/mark>/);
    assert.match(hit?.highlight.body?.[0] ?? '', /<mark>Wohnungen<\/mark>/);
  });
});
