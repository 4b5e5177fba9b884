import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  createEsClient,
  ensureArticlesIndexWithStatus,
  indexNames,
  loadTemplate,
  parseIndexerHealth,
  resolveArticlesTemplate,
} from '../src/index.ts';
import { deleteIndexFamily } from './support/es.ts';
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
