import type { RedisClient } from '@newsflow/runtime';
import { ArticleDocumentSchema, MAX_UPSERT_DOCUMENTS } from '@newsflow/contracts';
import type { ArticleDocument } from '@newsflow/contracts';
import { enqueueUpsert } from '@newsflow/runtime';
import type { StageQueues } from '@newsflow/runtime';
import type { Client, EsArticle, IndexNames } from '@newsflow/search';

export interface ResendRequest {
  docIds?: string[];
  limit: number;
}

const PAGE = MAX_UPSERT_DOCUMENTS;

/**
 * Re-sends indexed documents through the index stage into the same index (after a template or
 * mapping change, or to repair a document), unlike a reindex, which copies into a new index version
 * (reindex-runner.ts). Each page of stored documents goes back to the index queue as one upsert
 * under a fresh job id, at the version stored (which cluster merges have moved past the fetch
 * time), so external_gte accepts it and a newer write meanwhile still wins.
 */
export async function resendDocuments(
  client: Client,
  names: IndexNames,
  queues: StageQueues,
  redis: RedisClient,
  request: ResendRequest,
): Promise<{ queued: number; skipped: number }> {
  let queued = 0;
  let skipped = 0;
  const run = Date.now().toString(36);
  for await (const batch of storedBatches(client, names, request)) {
    const valid = batch.flatMap(({ source, version }) => {
      const document = toArticleDocument(source);
      return document ? [{ document, version }] : [];
    });
    skipped += batch.length - valid.length;
    if (valid.length === 0) continue;
    // One job per page (PAGE is the most documents a job may carry), under a fresh id per run.
    const documents: ArticleDocument[] = valid.map(({ document }) => document);
    await enqueueUpsert(queues.index, redis, documents, {
      versions: valid.map(({ version }) => version),
      resendRun: run,
    });
    queued += valid.length;
  }
  return { queued, skipped };
}

async function* storedBatches(
  client: Client,
  names: IndexNames,
  request: ResendRequest,
): AsyncGenerator<Array<{ source: EsArticle; version: number }>> {
  const query = request.docIds ? { ids: { values: request.docIds } } : { match_all: {} };
  let after: Array<string | number> | undefined;
  for (let seen = 0; seen < request.limit;) {
    const size = Math.min(PAGE, request.limit - seen);
    const response = await client.search<EsArticle>({
      index: names.readAlias,
      query,
      size,
      version: true,
      sort: [{ docId: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = response.hits.hits;
    if (hits.length === 0) return;
    seen += hits.length;
    after = hits.at(-1)?.sort as Array<string | number> | undefined;
    yield hits.flatMap((hit) =>
      hit._source && hit._version !== undefined ? [{ source: hit._source, version: hit._version }] : [],
    );
    if (hits.length < size) return;
  }
}

/** Pure: the stored shape back into the pipeline's document (flags list to flag booleans). */
export function toArticleDocument(stored: EsArticle): ArticleDocument | null {
  const flags = new Set(stored.flags ?? []);
  const candidate = {
    ...stored,
    flags: {
      paywall: flags.has('paywall'),
      jsShell: flags.has('jsShell'),
      blocked: flags.has('blocked'),
      notArticle: flags.has('notArticle'),
    },
  };
  const parsed = ArticleDocumentSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
