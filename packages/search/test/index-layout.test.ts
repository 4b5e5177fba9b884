// Shards and replicas from the config on the shared single-node Elasticsearch: the default
// auto-expands (green on one node), an explicit count applies to the live index, a reindex keeps it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  DEFAULT_INDEX_LAYOUT,
  createEsClient,
  ensureArticlesIndex,
  esNodeUrls,
  indexNames,
  reindex,
} from '../src/index.ts';
import type { Client, IndexLayout } from '../src/index.ts';
import { deleteIndexFamily } from './support/es.ts';
import { TEST_ELASTICSEARCH_URL } from '@newsflow/testkit';

const ES_URL = TEST_ELASTICSEARCH_URL;

async function indexSettings(client: Client, index: string): Promise<Record<string, unknown>> {
  const response = await client.indices.getSettings({ index, flat_settings: true });
  return response[index]?.settings as Record<string, unknown>;
}

async function withIndexFamily(body: (client: Client, names: ReturnType<typeof indexNames>) => Promise<void>) {
  const client = createEsClient(ES_URL);
  const names = indexNames(`t-${randomBytes(4).toString('hex')}`);
  try {
    await body(client, names);
  } finally {
    await deleteIndexFamily(client, names);
    await client.indices.deleteIndexTemplate({ name: names.templateName }, { ignore: [404] });
    await client.close();
  }
}

void test('the default layout auto-expands replicas, so one node is green', async () => {
  await withIndexFamily(async (client, names) => {
    const index = await ensureArticlesIndex(client, names);
    const settings = await indexSettings(client, index);
    assert.equal(settings['index.number_of_shards'], '1');
    assert.equal(settings['index.auto_expand_replicas'], DEFAULT_INDEX_LAYOUT.replicas);
    const health = await client.cluster.health({ index, wait_for_status: 'green', timeout: '10s' });
    assert.equal(health.status, 'green');
  });
});

void test('a configured layout reaches the live index and survives a reindex', async () => {
  await withIndexFamily(async (client, names) => {
    const two: IndexLayout = { shards: 2, replicas: '0' };
    const index = await ensureArticlesIndex(client, names, two);
    assert.equal((await indexSettings(client, index))['index.number_of_shards'], '2');
    // replicas are dynamic: a later start with another setting changes the live index in place
    await ensureArticlesIndex(client, names, { shards: 2, replicas: '0-all' });
    assert.equal((await indexSettings(client, index))['index.auto_expand_replicas'], '0-all');
    const result = await reindex(client, names, { layout: two });
    const settings = await indexSettings(client, result.to);
    assert.notEqual(result.to, index);
    assert.equal(settings['index.number_of_shards'], '2');
    assert.equal(settings['index.number_of_replicas'], '0');
    assert.equal(settings['index.auto_expand_replicas'], 'false');
  });
});

void test('ELASTICSEARCH_URL lists split into nodes; an empty one is refused', () => {
  assert.deepEqual(esNodeUrls('http://a:9200, http://b:9200'), ['http://a:9200', 'http://b:9200']);
  assert.throws(() => esNodeUrls(' , '), /names no node/);
});
