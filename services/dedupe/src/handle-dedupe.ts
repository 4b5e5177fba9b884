import type { DedupeJob } from '@newsflow/contracts';
import type { ClusterStore } from '@newsflow/cluster';
import { enqueue } from '@newsflow/runtime';
import type { StageContext } from '@newsflow/runtime';
import type { IndexOutbox } from './index-outbox.ts';

/** dedupe stage: assign the article to a copy cluster; merges relabel already indexed documents. */
export function createDedupeHandler(store: ClusterStore, outbox: IndexOutbox) {
  return async (job: DedupeJob, { queues, log }: StageContext): Promise<void> => {
    const { article, ...meta } = job;
    const decision = await store.assign({
      docId: job.docId,
      title: article.title,
      body: article.body,
      canonicalUrl: article.canonicalUrl,
      publishedAt: article.publishedAt,
    });
    // The job completes only once an index job carries the document (at-least-once across a crash).
    await outbox.submit({ ...article, ...meta, clusterId: decision.clusterId });
    if (decision.relabel) {
      const { docIds, clusterId, mergeSeq } = decision.relabel;
      // One relabel job per merge: its id names the merge, so a replay of this job adds nothing new.
      await enqueue(queues.index, `${clusterId}-m${mergeSeq}`, { kind: 'relabel', docIds, clusterId, mergeSeq });
    }
    log.info(
      { docId: job.docId, clusterId: decision.clusterId, merged: decision.relabel?.docIds.length ?? 0 },
      'clustered',
    );
  };
}
