// Cross-language search on the shared integration-test zip (core modules only): the template goes
// in with its standard fallbacks, each article is found by its own words, case and accents fold as
// far as core allows, highlights mark the stored text, and a reindex keeps the chosen analysis.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getArticle, probeAnalysisSupport, reindex, searchArticles, shippedTemplate } from '../src/index.ts';
import { createTestIndex, languageArticle, liveAnalyzers, writeDocuments } from './support/es.ts';
import type { TestIndex } from './support/es.ts';
import { INTEG_TEST_ZIP_ANSWER } from './support/recorded-answers.ts';

const german = languageArticle('zurich-housing');
const french = languageArticle('marseille-fountains');
const english = languageArticle('ferry-timetable');

async function docIds(es: TestIndex, q: string): Promise<string[]> {
  const result = await searchArticles(es.client, es.names, { q, collapse: 'none' });
  return result.hits.map((hit) => hit.docId);
}

void describe('search across languages on the integration-test zip', () => {
  let es: TestIndex;
  before(async () => {
    es = await createTestIndex();
    await writeDocuments(es.client, es.names.writeAlias, [german, french, english], { refresh: true });
  });
  after(async () => es.cleanup());

  void it('finds out live that the zip lacks the language analyzers, and installs the fallbacks', async () => {
    const analysis = shippedTemplate().template.settings.analysis;
    const support = await probeAnalysisSupport(es.client, analysis);
    assert.deepEqual(support, INTEG_TEST_ZIP_ANSWER, 'no language analyzer, no asciifolding in core');
    const stored = await es.client.indices.getIndexTemplate({ name: es.names.templateName });
    const fellBack = stored.index_templates[0]?.index_template._meta?.analyzersFellBack as string[] | undefined;
    assert.deepEqual(fellBack?.sort(), Object.keys(analysis.analyzer).sort());
    const live = await liveAnalyzers(es.client, es.names.readAlias);
    assert.equal(live.newsflow_de?.type, 'standard');
  });

  void it('finds the German, French and English article each by its own words', async () => {
    assert.deepEqual(await docIds(es, 'Wohnungen Bürger'), [german.docId]);
    assert.deepEqual(await docIds(es, 'fontaines municipalité'), [french.docId]);
    assert.deepEqual(await docIds(es, 'ferry sailings'), [english.docId]);
  });

  void it('filters by language, a bare code taking its regional tags too', async () => {
    const byLanguage = async (language: string[]) =>
      (await searchArticles(es.client, es.names, { language, collapse: 'none' })).hits.map((hit) => hit.docId);
    assert.deepEqual(await byLanguage(['en']), [english.docId], 'en takes en-GB');
    assert.deepEqual(await byLanguage(['EN-gb']), [english.docId]);
    assert.deepEqual((await byLanguage(['de', 'fr'])).sort(), [german.docId, french.docId].sort());
    assert.deepEqual(await byLanguage(['e']), [], 'no partial codes');
  });

  void it('folds case, accented capitals included; stop words of each language do not block a match', async () => {
    assert.deepEqual(await docIds(es, 'HÄUSER ZÜRCHER'), [german.docId]);
    assert.deepEqual(await docIds(es, 'ÉTÉ'), [french.docId]);
    assert.deepEqual(await docIds(es, 'die Wohnungen'), [german.docId]);
    // Without asciifolding (analysis-common) an unaccented query does not reach accented words.
    assert.deepEqual(await docIds(es, 'haeuser hauser'), []);
  });

  void it('highlights matches in the stored title and body', async () => {
    const hit = (await searchArticles(es.client, es.names, { q: 'Häuser Bürger' })).hits[0];
    assert.match(hit?.highlight.title ?? '', /<mark>Häuser<\/mark>/);
    assert.match(hit?.highlight.body?.[0] ?? '', /<mark>Bürger<\/mark>/);
  });

  void it('returns the text once: no language-field copy in results or in the stored article', async () => {
    const hit = (await searchArticles(es.client, es.names, { q: 'Wohnungen', collapse: 'none' })).hits[0];
    assert.equal(hit?.docId, german.docId);
    const stored = await getArticle(es.client, es.names, german.docId);
    assert.equal(stored?.article.body, german.body);
    for (const article of [hit?.article, stored?.article])
      for (const field of ['title_lang', 'subtitle_lang', 'body_lang']) assert.equal(field in (article ?? {}), false);
    const raw = await es.client.get<Record<string, unknown>>({ index: es.names.readAlias, id: german.docId });
    assert.deepEqual(raw._source?.body_lang, { de: german.body }, 'the copy is in the index');
  });

  void it('keeps the chosen analysis through a reindex', async () => {
    const before = await es.client.indices.getSettings({ index: es.names.readAlias });
    const result = await reindex(es.client, es.names);
    const afterwards = await es.client.indices.getSettings({ index: result.to });
    assert.deepEqual(
      afterwards[result.to]?.settings?.index?.analysis,
      Object.values(before)[0]?.settings?.index?.analysis,
    );
    assert.deepEqual(await docIds(es, 'ÉTÉ fontaines'), [french.docId]);
  });
});
