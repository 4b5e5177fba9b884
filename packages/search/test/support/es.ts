import { randomBytes } from 'node:crypto';
import type { ArticleDocument } from '@newsflow/contracts';
import { createEsClient, ensureArticlesIndex, indexNames } from '../../src/index.ts';
import type { Client, IndexNames } from '../../src/index.ts';

export interface TestIndex {
  client: Client;
  names: IndexNames;
  cleanup(): Promise<void>;
}

/** A private index family (`t-<random>`) on the shared Elasticsearch, deleted by cleanup(). */
export async function createTestIndex(): Promise<TestIndex> {
  const client = createEsClient(process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9299');
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
  const existing = Object.keys(await client.indices.get({ index: names.pattern, allow_no_indices: true, expand_wildcards: 'all' }));
  if (existing.length > 0) await client.indices.delete({ index: existing, ignore_unavailable: true });
}

let counter = 0;

/** A valid ArticleDocument; override any field. */
export function makeDocument(overrides: Partial<ArticleDocument> = {}): ArticleDocument {
  counter += 1;
  const docId = overrides.docId ?? `doc${String(counter).padStart(8, '0')}${randomBytes(3).toString('hex')}`;
  return {
    docId,
    url: `https://example.com/news/${docId}`,
    finalUrl: `https://example.com/news/${docId}`,
    domain: 'example.com',
    siteName: 'Example News',
    title: 'Council approves new harbour bridge',
    authors: ['Ann Writer'],
    tags: ['transport'],
    language: 'en',
    body: 'The city council approved the harbour bridge on Tuesday after a long debate about costs.',
    wordCount: 16,
    provenance: { title: 'json-ld' },
    flags: { paywall: false, jsShell: false, blocked: false, notArticle: false },
    publishedAt: '2026-11-20T10:00:00Z',
    fetchedAt: '2026-11-20T11:00:00Z',
    submittedAt: '2026-11-20T10:59:00Z',
    clusterId: `c-${docId}`,
    ...overrides,
  };
}
