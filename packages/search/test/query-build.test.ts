import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANALYSED_LANGUAGES, LANGUAGE_FIELD_OF } from '@newsflow/contracts';
import { buildSearchRequest, parseSearchParams, SearchParamsError, shippedTemplate } from '../src/index.ts';

/** The languages the issue asks for (de, en, fr, es, it, nl, pt, pl), each a field beside each text field. */
const LANGUAGES = ['de', 'en', 'fr', 'es', 'it', 'nl', 'pt', 'pl'];
const weighted = (field: string, boost: string) =>
  [field, ...LANGUAGES.map((code) => `${field}_lang.${code}`)].map((name) => name + boost);

const build = (params: unknown): Record<string, unknown> => buildSearchRequest(parseSearchParams(params));

void describe('search query building', () => {
  void it('puts user text only into simple_query_string, with no field syntax or raw DSL', () => {
    for (const q of ['{"query":{"match_all":{}}}', '*:*', 'title:x OR _id:1', '{"script":{"source":"1"}}']) {
      const request = build({ q });
      const bool = (request.query as { bool: { must: Array<Record<string, { query: string; fields: string[] }>> } })
        .bool;
      assert.equal(bool.must.length, 1);
      const sqs = bool.must[0]!.simple_query_string!;
      assert.equal(sqs.query, q, 'the text is passed as one string value');
      assert.deepEqual(sqs.fields, [
        ...weighted('title', '^3'),
        ...weighted('subtitle', '^2'),
        ...weighted('body', ''),
      ]);
      assert.doesNotMatch(JSON.stringify(request), /"script"\s*:\s*\{/);
    }
  });

  void it('maps a language field, with its analyzer, for every language the writer routes to, and no other', () => {
    const template = shippedTemplate();
    const { properties } = template.template.mappings as {
      properties: Record<string, { properties?: Record<string, { analyzer?: string }> }>;
    };
    for (const holder of Object.values(LANGUAGE_FIELD_OF)) {
      const codes = properties[holder]?.properties ?? {};
      assert.deepEqual(Object.keys(codes), [...ANALYSED_LANGUAGES], holder);
      for (const [code, mapping] of Object.entries(codes)) {
        assert.equal(mapping.analyzer, `newsflow_${code}`);
        assert.ok(template.template.settings.analysis.analyzer[mapping.analyzer], `${mapping.analyzer} is defined`);
      }
    }
  });

  void it('highlights the stored text with the matches of every language field', () => {
    const fields = (build({ q: 'Häuser' }).highlight as { fields: Record<string, { matched_fields: string[] }> })
      .fields;
    assert.deepEqual(fields.title?.matched_fields, weighted('title', ''));
    assert.deepEqual(fields.body?.matched_fields, weighted('body', ''));
  });

  void it('turns filters into term and range clauses, and collapse into a collapse with inner hits', () => {
    const request = build({
      from: '2026-11-01',
      to: '2026-11-30T00:00:00Z',
      domain: ['BBC.co.uk'],
      language: ['en'],
      flags: ['paywall', '-blocked'],
      collapse: 'story',
      page: 2,
      size: 10,
    });
    const bool = (request.query as { bool: Record<string, unknown> }).bool;
    assert.deepEqual(bool.filter, [
      { range: { publishedAt: { gte: '2026-11-01', lte: '2026-11-30T00:00:00Z' } } },
      { terms: { domain: ['bbc.co.uk'] } },
      {
        bool: {
          should: [
            { term: { language: { value: 'en', case_insensitive: true } } },
            { prefix: { language: { value: 'en-', case_insensitive: true } } },
          ],
          minimum_should_match: 1,
        },
      },
      { term: { flags: 'paywall' } },
    ]);
    assert.deepEqual(bool.must_not, [{ term: { flags: 'blocked' } }]);
    assert.equal((request.collapse as { field: string }).field, 'storyKey');
    assert.equal(request.from, 10);
    assert.equal(build({ collapse: 'none' }).collapse, undefined);
    assert.equal((build({}).collapse as { field: string }).field, 'clusterId');
  });

  void it('refuses unknown keys, bad values and deep pages', () => {
    const bad = [
      { query: { match_all: {} } },
      { q: 'x'.repeat(501) },
      { from: 'yesterday' },
      { from: '2026-11-02', to: '2026-11-01' },
      { flags: ['hacked'] },
      { domain: 'a.com' },
      { collapse: 'domain' },
      { size: 0 },
      { size: 101 },
      { page: 500, size: 100 },
      { page: 1.5 },
    ];
    for (const params of bad) assert.throws(() => parseSearchParams(params), SearchParamsError, JSON.stringify(params));
  });
});
