import type { DedupeJob } from '@newsflow/contracts';
import type { ClusterStore } from '@newsflow/cluster';
import { defineStage } from '@newsflow/runtime';
import type { HandlerContext, StageDefinition, StageResult } from '@newsflow/runtime';

/**
 * dedupe stage: assign the article to a copy cluster and hand the document on to be upserted
 * (the outbox gathers documents into upsert jobs); a merge relabels already indexed documents,
 * one relabel job per merge (its id names the merge, so a replay of this job adds nothing new).
 */
export function createDedupeStage(store: ClusterStore): StageDefinition<'dedupe'> {
  const dedupe = async (job: DedupeJob, { log }: HandlerContext): Promise<StageResult<'dedupe'>> => {
    const { article, ...meta } = job;
    const decision = await store.assign({
      docId: job.docId,
      title: article.title,
      body: article.body,
      canonicalUrl: article.canonicalUrl,
      publishedAt: article.publishedAt,
    });
    const relabel = decision.relabel ? [{ kind: 'relabel' as const, ...decision.relabel }] : [];
    log.info(
      { docId: job.docId, clusterId: decision.clusterId, merged: decision.relabel?.docIds.length ?? 0 },
      'clustered',
    );
    return { next: { upsert: [{ ...article, ...meta, clusterId: decision.clusterId }], index: relabel } };
  };
  return defineStage('dedupe', { dedupe });
}
