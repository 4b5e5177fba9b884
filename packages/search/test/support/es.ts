import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ArticleDocument } from '@newsflow/contracts';
import { makeArticleDocument, TEST_ELASTICSEARCH_URL } from '@newsflow/testkit';
import { createEsClient, ensureArticlesIndex, indexNames, toEsDocument, versionOf } from '../../src/index.ts';
import type { Client, IndexNames } from '../../src/index.ts';
import LANGUAGE_ARTICLES from './language-articles.json' with { type: 'json' };

export interface TestIndex {
  client: Client;
  names: IndexNames;
  cleanup(): Promise<void>;
}

/** A private index family (`t-<random>`) on the shared Elasticsearch, deleted by cleanup(). */
export async function createTestIndex(): Promise<TestIndex> {
  const client = createEsClient(TEST_ELASTICSEARCH_URL);
  const names = indexNames(`t-${randomBytes(4).toString('hex')}`);
  await ensureArticlesIndex(client, names);
  const cleanup = async (): Promise<void> => {
    await deleteIndexFamily(client, names);
    await client.indices.deleteIndexTemplate({ name: names.templateName }, { ignore: [404] });
    await client.close();
  };
  return { client, names, cleanup };
}

/** Deletes every `<prefix>-v*` index (wildcard deletes are refused by the cluster, so by name). */
export async function deleteIndexFamily(client: Client, names: IndexNames): Promise<void> {
  const existing = Object.keys(
    await client.indices.get({ index: names.pattern, allow_no_indices: true, expand_wildcards: 'all' }),
  );
  if (existing.length > 0) await client.indices.delete({ index: existing, ignore_unavailable: true });
}

/** A valid ArticleDocument; override any field. */
export const makeDocument = makeArticleDocument;

/** A document of one of the language tests' articles (language, title, body: language-articles.json). */
export function languageArticle(name: keyof typeof LANGUAGE_ARTICLES): ArticleDocument {
  return makeDocument(LANGUAGE_ARTICLES[name]);
}

/** The analyzers the index behind `index` (an alias or a name) was created with. */
export async function liveAnalyzers(client: Client, index: string): Promise<Record<string, { type: string }>> {
  const settings = await client.indices.getSettings({ index });
  return Object.values(settings)[0]?.settings?.index?.analysis?.analyzer as Record<string, { type: string }>;
}

/**
 * Writes documents as the indexer does (fetch time as external version, so a replay of an older
 * fetch is a 409 and changes nothing) and fails on any other refused item.
 */
export async function writeDocuments(
  client: Client,
  alias: string,
  docs: ArticleDocument[],
  options: { refresh?: boolean } = {},
): Promise<void> {
  const operations = docs.flatMap((doc) => [
    { index: { _index: alias, _id: doc.docId, version: versionOf(doc), version_type: 'external_gte' as const } },
    toEsDocument(doc),
  ]);
  const response = await client.bulk({ operations, refresh: options.refresh ?? false });
  const failed = response.items.filter((item) => (item.index?.status ?? 500) >= 300 && item.index?.status !== 409);
  assert.equal(failed.length, 0, JSON.stringify(failed[0]));
}
