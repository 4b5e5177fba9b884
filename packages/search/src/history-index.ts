import type { Client } from '@elastic/elasticsearch';
import type { ArticleVersion } from '@newsflow/contracts';
import type { IndexNames } from './index-names.ts';

/**
 * The history index holds the earlier versions of re-crawled articles, one document per version
 * (`<docId>-v<version>`). It is an index of its own rather than a list inside the article: the live
 * document stays the size of one version (so search, highlighting and the reindex copy cost what
 * they did), and a version is written once and never re-analysed. It is read by docId only, so the
 * texts are stored, not indexed. Its name, `<prefix>-history`, is outside the articles template's
 * pattern (`<prefix>-v*`), which would otherwise give it the articles mapping.
 */
const HISTORY_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    docId: { type: 'keyword' },
    version: { type: 'integer' },
    url: { type: 'keyword', ignore_above: 8191 },
    title: { type: 'text', index: false },
    subtitle: { type: 'text', index: false },
    body: { type: 'text', index: false },
    wordCount: { type: 'integer' },
    fetchedAt: { type: 'date' },
    replacedAt: { type: 'date' },
    changes: { type: 'object', enabled: false },
  },
} as const;

/** Creates the history index when it is missing (idempotent, also under a race with another indexer). */
export async function ensureHistoryIndex(client: Client, names: IndexNames): Promise<void> {
  if (await client.indices.exists({ index: names.history })) return;
  try {
    await client.indices.create({
      index: names.history,
      settings: { number_of_shards: 1, auto_expand_replicas: '0-1' },
      mappings: HISTORY_MAPPINGS,
    });
  } catch (error) {
    if (!String(error).includes('resource_already_exists_exception')) throw error;
  }
}

/** The earlier versions of an article, oldest first (none when it never changed or the index is missing). */
export async function getArticleVersions(client: Client, names: IndexNames, docId: string): Promise<ArticleVersion[]> {
  if (!/^[\w-]{1,128}$/.test(docId)) return [];
  const response = await client.search<ArticleVersion>(
    {
      index: names.history,
      query: { term: { docId } },
      sort: [{ version: 'asc' }],
      size: 100,
    },
    { ignore: [404] },
  );
  return (response.hits?.hits ?? []).flatMap((hit) => (hit._source ? [hit._source] : []));
}
