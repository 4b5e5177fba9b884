import { StageError, isPermanent } from '@newsflow/contracts';
import type { ArticleDocument, IndexJob } from '@newsflow/contracts';
import { toEsDocument, versionOf } from '@newsflow/search';
import { upsertOp } from './batch/bulk-lines.ts';
import { applyRelabel } from './relabel.ts';
import type { RelabelDeps } from './relabel.ts';
import type { RelabelStore } from '@newsflow/search';

/** Puts documents back in the index queue one per job (id `index-<docId>`), to fail there alone with their reason. */
export type RequeueAlone = (documents: ArticleDocument[]) => Promise<void>;

/**
 * index stage: an upsert's documents join the next bulk requests and the job completes when
 * Elasticsearch acknowledged every one (or refused it as older than what is indexed); a relabel is
 * recorded in the relabel store first, then applied to the documents already indexed.
 */
export function createIndexHandler(deps: RelabelDeps, store: RelabelStore, requeueAlone: RequeueAlone): (job: IndexJob) => Promise<void> {
  return async (job) => {
    if (job.kind === 'upsert') return upsertAll(deps, job.documents, requeueAlone);
    const relabel = { clusterId: job.clusterId, mergeSeq: job.mergeSeq };
    await store.record(job.docIds, relabel);
    await applyRelabel(deps, job.docIds, relabel);
  };
}

/**
 * A transient failure of any document fails the job, so BullMQ retries it (rewriting the
 * acknowledged ones is harmless: same external version). A document refused for good (a mapping
 * error) must stay listable and replayable on its own, so it goes back alone under its own id and
 * fails there once with its reason, while the rest of the batch completes.
 */
async function upsertAll(deps: RelabelDeps, documents: ArticleDocument[], requeueAlone: RequeueAlone): Promise<void> {
  const submitted = documents.map((document) => deps.batcher.submit(upsertOp(deps.names.writeAlias, toEsDocument(document), versionOf(document))));
  const results = await Promise.allSettled(submitted);
  const refused: ArticleDocument[] = [];
  let refusal: unknown;
  for (const [i, result] of results.entries()) {
    if (result.status === 'fulfilled') continue;
    if (!(result.reason instanceof StageError && isPermanent(result.reason.reason))) throw result.reason;
    refused.push(documents[i]!);
    refusal = result.reason;
  }
  if (refused.length === 0) return;
  if (documents.length === 1) throw refusal;
  await requeueAlone(refused);
}
