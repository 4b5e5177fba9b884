import type { Article, DedupeJob } from '@newsflow/contracts';
import type { ClusterStore } from '@newsflow/cluster';
import { defineStage } from '@newsflow/runtime';
import type { HandlerContext, StageDefinition, StageResult } from '@newsflow/runtime';
import { assignStoryStep } from './story-step.ts';
import type { StoryStep } from './story-step.ts';

/** The article a dedupe job names by its `articleKey` (readArticle of @newsflow/runtime, on the stage's Redis). */
export type ReadArticle = (key: string) => Promise<Article>;

/**
 * dedupe stage: assign the article to a copy cluster, then to a story (story-step.ts), and hand
 * the document on to be upserted (the outbox gathers documents into upsert jobs); a merge relabels
 * already indexed documents, one relabel job per cluster merge and one story-relabel job per story
 * change (each id names the change, so a replay of this job adds nothing new).
 */
export function createDedupeStage(
  store: ClusterStore,
  stories: StoryStep,
  readArticle: ReadArticle,
): StageDefinition<'dedupe'> {
  const dedupe = async (job: DedupeJob, { log }: HandlerContext): Promise<StageResult<'dedupe'>> => {
    const { article: inline, articleKey, ...meta } = job;
    const article = inline ?? (await readArticle(articleKey!));
    const decision = await store.assign({
      docId: job.docId,
      title: article.title,
      body: article.body,
      canonicalUrl: article.canonicalUrl,
      publishedAt: article.publishedAt,
    });
    const story = await assignStoryStep(stories, store, { ...meta, article }, decision);
    const relabel = decision.relabel ? [{ kind: 'relabel' as const, ...decision.relabel }] : [];
    log.info(
      {
        docId: job.docId,
        clusterId: decision.clusterId,
        storyId: story.storyId,
        merged: decision.relabel?.docIds.length ?? 0,
        storyMoves: story.relabels.length,
      },
      'clustered',
    );
    const related = decision.relatedClusters ? { relatedClusters: decision.relatedClusters } : {};
    const document = { ...article, ...meta, clusterId: decision.clusterId, storyId: story.storyId, ...related };
    return { next: { upsert: [document], index: [...relabel, ...story.relabels] } };
  };
  return defineStage('dedupe', { dedupe });
}
