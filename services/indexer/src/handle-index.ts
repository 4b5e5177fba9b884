import type { IndexJob } from '@newsflow/contracts';
import { toEsDocument, versionOf } from '@newsflow/search';
import { upsertOp } from './batch/bulk-lines.ts';
import { applyRelabel } from './relabel.ts';
import type { RelabelDeps } from './relabel.ts';
import type { RelabelStore } from '@newsflow/search';

/**
 * index stage: an upsert joins the next bulk request and the job completes when Elasticsearch
 * acknowledged its document (or refused it as older than what is indexed); a relabel is recorded
 * in the relabel store first, then applied to the documents already indexed.
 */
export function createIndexHandler(deps: RelabelDeps, store: RelabelStore): (job: IndexJob) => Promise<void> {
  return async (job) => {
    if (job.kind === 'upsert') {
      await deps.batcher.submit(upsertOp(deps.names.writeAlias, toEsDocument(job.document), versionOf(job.document)));
      return;
    }
    const relabel = { clusterId: job.clusterId, mergeSeq: job.mergeSeq };
    await store.record(job.docIds, relabel);
    await applyRelabel(deps, job.docIds, relabel);
  };
}
