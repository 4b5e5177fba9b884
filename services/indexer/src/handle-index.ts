import { StageError } from '@newsflow/contracts';
import type { ArticleDocument, IndexJob } from '@newsflow/contracts';
import { toEsDocument, versionOf } from '@newsflow/search';
import type { Client, IndexNames } from '@newsflow/search';
import type { StageContext } from '@newsflow/runtime';

/** index stage: write one document (externally versioned by fetch time) or relabel merged documents. */
export function createIndexHandler(client: Client, names: IndexNames) {
  return async (job: IndexJob, { log }: StageContext): Promise<void> => {
    try {
      if (job.kind === 'upsert') await upsert(client, names, job.document);
      else await relabel(client, names, job.docIds, job.clusterId, job.mergeSeq);
    } catch (error) {
      throw classifyEsError(error);
    }
    log.info({ kind: job.kind }, 'indexed');
  };
}

async function upsert(client: Client, names: IndexNames, document: ArticleDocument): Promise<void> {
  try {
    await client.index({
      index: names.writeAlias,
      id: document.docId,
      document: toEsDocument(document),
      version: versionOf(document),
      version_type: 'external_gte',
    });
  } catch (error) {
    // A newer fetch of this page is already indexed: this older copy must not win, and that is success.
    if (statusOf(error) !== 409) throw error;
  }
}

async function relabel(client: Client, names: IndexNames, docIds: string[], clusterId: string, mergeSeq: number): Promise<void> {
  for (const id of docIds) {
    await client.update({ index: names.writeAlias, id, doc: { clusterId, mergeSeq }, retry_on_conflict: 3 });
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { meta?: { statusCode?: number } }).meta?.statusCode;
}

function classifyEsError(error: unknown): unknown {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  // 404 on a relabel: the document's own upsert is still queued behind it, so a retry lets it land first.
  if (status === 404 || status === 409) return new StageError('es-unavailable', `retrying: ${message}`);
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) return new StageError('es-rejected', message);
  return new StageError('es-unavailable', message);
}
