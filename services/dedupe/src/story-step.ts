// The story step of the dedupe stage, after the copy-cluster assignment. A copy cluster belongs to
// one story: an article that joined a cluster takes the story of the cluster's earlier members,
// and when its arrival merged clusters, their stories are folded into that one (the larger story
// keeps its id). Only an article that opened a new cluster is decided by the story model. The
// store also learns the cluster, so a repair moves a cluster's articles together. Story changes
// come back as relabel jobs on their own sequence (storyMergeSeq).
import { assignStory } from '@newsflow/cluster';
import type { ClusterDecision, ClusterStore, StoryChoice, StoryOptions, StoryStore } from '@newsflow/cluster';
import type { DedupeInput, StoryRelabelJob } from '@newsflow/contracts';

export interface StoryStep {
  store: StoryStore;
  options: StoryOptions;
}

export interface StoryOutcome {
  storyId: string;
  relabels: StoryRelabelJob[];
}

/** How long an article waits for its copy cluster's first member to get its story (another worker). */
const WAIT_FOR_CLUSTER_STORY = { attempts: 40, delayMs: 50 };

/**
 * The stories of these docIds (distinct), asked again while none has one and time is left: one
 * batched request per attempt (storiesOf), not one per member.
 */
async function storiesOf(step: StoryStep, docIds: readonly string[]): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const stories = await step.store.storiesOf(docIds);
    const known = [...new Set(stories.filter((id): id is string => id !== null))];
    if (known.length > 0 || attempt >= WAIT_FOR_CLUSTER_STORY.attempts) return known;
    await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_CLUSTER_STORY.delayMs));
  }
}

/**
 * The story the copy cluster already has, or undefined when the article opened the cluster. The
 * member that opened it may still be in its own story step on another worker: wait for it (it
 * never waits itself, so two copies cannot wait for each other), up to ~2 s; past that (its worker
 * is slow or died) the model decides, and the store's commit still files the article in the story
 * its cluster has by then (the cluster's story wins at commit), so a cluster never spans two.
 */
async function pinnedByCluster(
  step: StoryStep,
  clusters: ClusterStore,
  docId: string,
  decision: ClusterDecision,
): Promise<StoryChoice | undefined> {
  const absorbedDocs = decision.relabel?.docIds ?? [];
  if (decision.isNewCluster && absorbedDocs.length === 0) return undefined;
  const others = (await clusters.membersOf(decision.clusterId)).filter((id) => id !== docId);
  const known = await storiesOf(step, [...new Set([...others.slice(0, 4), ...absorbedDocs])]);
  if (known.length === 0) return undefined;
  return { storyId: known[0]!, absorb: known.slice(1) };
}

export async function assignStoryStep(
  step: StoryStep,
  clusters: ClusterStore,
  job: DedupeInput,
  decision: ClusterDecision,
): Promise<StoryOutcome> {
  const { article } = job;
  const pinned = await pinnedByCluster(step, clusters, job.docId, decision);
  const story = await assignStory(
    step.store,
    {
      docId: job.docId,
      title: article.title,
      body: article.body,
      // Without a publication date, the fetch time places the article in the story window.
      publishedAt: article.publishedAt ?? job.fetchedAt,
      cluster: decision.clusterId,
      clusterMergedFrom: decision.relabel?.docIds ?? [],
    },
    step.options,
    pinned,
  );
  const relabels = story.relabels.map((r): StoryRelabelJob => ({
    kind: 'story-relabel',
    docIds: r.docIds,
    storyId: r.storyId,
    storyMergeSeq: r.mergeSeq,
  }));
  return { storyId: story.storyId, relabels };
}
