import type { Queue } from 'bullmq';
import { ArticleDocumentSchema, MAX_UPSERT_DOCUMENTS, batchJobIdFor } from '@newsflow/contracts';
import type { ArticleDocument } from '@newsflow/contracts';
import type { StageQueues } from '@newsflow/runtime';
import type { Client, EsArticle, IndexNames } from '@newsflow/search';

export interface ReindexRequest {
  docIds?: string[];
  limit: number;
}

const PAGE = MAX_UPSERT_DOCUMENTS;

/**
 * Rewrites indexed documents through the index stage (after a template or mapping change, or to
 * repair a document): each page of stored documents goes back to the index queue as one upsert
 * under a fresh job id. Same fetchedAt means the same external version, which external_gte accepts.
 */
export async function reindexDocuments(client: Client, names: IndexNames, queues: StageQueues, request: ReindexRequest): Promise<{ queued: number; skipped: number }> {
  let queued = 0;
  let skipped = 0;
  const run = Date.now().toString(36);
  for await (const batch of storedBatches(client, names, request)) {
    const documents = batch.map(toArticleDocument);
    const valid = documents.filter((document): document is ArticleDocument => document !== null);
    skipped += documents.length - valid.length;
    if (valid.length === 0) continue;
    // One job per page (PAGE is the most documents a job may carry), under a fresh id per run.
    const jobId = `${batchJobIdFor('index', valid.map((document) => document.docId))}-reindex-${run}`;
    await (queues.index as Queue).add('index', { kind: 'upsert', documents: valid }, { jobId });
    queued += valid.length;
  }
  return { queued, skipped };
}

async function* storedBatches(client: Client, names: IndexNames, request: ReindexRequest): AsyncGenerator<EsArticle[]> {
  const query = request.docIds ? { ids: { values: request.docIds } } : { match_all: {} };
  let after: Array<string | number> | undefined;
  for (let seen = 0; seen < request.limit; ) {
    const size = Math.min(PAGE, request.limit - seen);
    const response = await client.search<EsArticle>({ index: names.readAlias, query, size, sort: [{ docId: 'asc' }], ...(after ? { search_after: after } : {}) });
    const hits = response.hits.hits;
    if (hits.length === 0) return;
    seen += hits.length;
    after = hits.at(-1)?.sort as Array<string | number> | undefined;
    yield hits.flatMap((hit) => (hit._source ? [hit._source] : []));
    if (hits.length < size) return;
  }
}

/** Pure: the stored shape back into the pipeline's document (flags list to flag booleans). */
export function toArticleDocument(stored: EsArticle): ArticleDocument | null {
  const flags = new Set(stored.flags ?? []);
  const candidate = { ...stored, flags: { paywall: flags.has('paywall'), jsShell: flags.has('jsShell'), blocked: flags.has('blocked'), notArticle: flags.has('notArticle') } };
  const parsed = ArticleDocumentSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
