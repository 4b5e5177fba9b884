import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  createEsClient,
  ensureArticlesIndexWithStatus,
  indexNames,
  loadTemplate,
  parseIndexerHealth,
  reindex,
  resolveArticlesTemplate,
  toEsDocument,
} from '../src/index.ts';
import { deleteIndexFamily, makeDocument } from './support/es.ts';
import { TEST_ELASTICSEARCH_URL } from '@newsflow/testkit';

void describe('index template and aliases', () => {
  void it('creates the versioned index behind both aliases, and adds new template fields to an older live index', async () => {
    const client = createEsClient(TEST_ELASTICSEARCH_URL);
    const names = indexNames(`t-${randomBytes(4).toString('hex')}`);
    try {
      // An index from before storyKey existed, already serving behind the aliases (with the
      // analysis this cluster gets, so that only the mapping differs).
      const current = await resolveArticlesTemplate(client, names);
      const { storyKey: _dropped, ...olderProperties } = (
        current.template.mappings as { properties: Record<string, unknown> }
      ).properties;
      await client.indices.create({
        index: names.versioned(1),
        mappings: { dynamic: 'strict', properties: olderProperties } as never,
        settings: { analysis: current.template.settings.analysis } as never,
        aliases: { [names.readAlias]: {}, [names.writeAlias]: { is_write_index: true } },
      });
      const status = await ensureArticlesIndexWithStatus(client, names);
      assert.deepEqual(status, { index: names.versioned(1) });
      const mapping = await client.indices.getMapping({ index: names.versioned(1) });
      assert.ok(mapping[names.versioned(1)]?.mappings.properties?.storyKey);
      await deleteIndexFamily(client, names);
      const fresh = await ensureArticlesIndexWithStatus(client, names);
      assert.equal(fresh.index, names.versioned(loadTemplate(names).version));
      const aliases = await client.indices.getAlias({ index: fresh.index });
      assert.deepEqual(
        Object.keys(aliases[fresh.index]?.aliases ?? {}).sort(),
        [names.readAlias, names.writeAlias].sort(),
      );
    } finally {
      await deleteIndexFamily(client, names);
      await client.indices.deleteIndexTemplate({ name: names.templateName }, { ignore: [404] });
      await client.close();
    }
  });

  void it('reports a v3 index (language subfields) as needing a reindex, which fills the language fields', async () => {
    const client = createEsClient(TEST_ELASTICSEARCH_URL);
    const names = indexNames(`t-${randomBytes(4).toString('hex')}`);
    try {
      const current = await resolveArticlesTemplate(client, names);
      const { properties } = current.template.mappings as { properties: Record<string, object> };
      const { body_lang: _b, title_lang: _t, subtitle_lang: _s, ...v3 } = properties;
      const german = { type: 'text', analyzer: 'newsflow_de' };
      await client.indices.create({
        index: names.versioned(3),
        mappings: { dynamic: 'strict', properties: { ...v3, body: { ...v3.body, fields: { de: german } } } } as never,
        settings: { analysis: current.template.settings.analysis } as never,
        aliases: { [names.readAlias]: {}, [names.writeAlias]: { is_write_index: true } },
      });
      const document = makeDocument({ language: 'de-CH', body: 'Die Wohnungen am See' });
      const { body_lang: _routed, title_lang: _routedTitle, ...v3Source } = toEsDocument(document);
      await client.index({ index: names.writeAlias, id: document.docId, document: v3Source, refresh: true });
      const status = await ensureArticlesIndexWithStatus(client, names);
      assert.match(status.mappingError ?? '', /body\.de/);
      const result = await reindex(client, names);
      const mapping = (await client.indices.getMapping({ index: result.to }))[result.to]?.mappings.properties;
      assert.equal((mapping?.body as { fields?: object }).fields, undefined, 'no language subfields left');
      const found = await client.search({ index: names.readAlias, query: { match: { 'body_lang.de': 'Wohnungen' } } });
      assert.deepEqual(
        found.hits.hits.map((hit) => hit._id),
        [document.docId],
      );
      assert.deepEqual(await ensureArticlesIndexWithStatus(client, names), { index: result.to });
    } finally {
      await deleteIndexFamily(client, names);
      await client.indices.deleteIndexTemplate({ name: names.templateName }, { ignore: [404] });
      await client.close();
    }
  });

  void it('reads indexer health, reporting unknown when the last report is stale', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    const fields = {
      status: 'down',
      paused: '1',
      lastError: 'connect ECONNREFUSED',
      updatedAt: '2026-11-21T11:59:55Z',
      bulkRequests: '3',
      bulkDocuments: '1200',
    };
    const health = parseIndexerHealth(fields, now);
    assert.equal(health.status, 'down');
    assert.equal(health.paused, true);
    assert.equal(health.bulk.documents, 1200);
    assert.equal(parseIndexerHealth({ ...fields, updatedAt: '2026-11-21T11:00:00Z' }, now).status, 'unknown');
    assert.equal(parseIndexerHealth({}, now).status, 'unknown');
  });
});
