import { assignStory, DEFAULT_STORY_OPTIONS, repairStories } from '../src/core/stories/assign-story.ts';
import { MemoryStoryStore } from '../src/store/stories/memory-story-store.ts';
import type { ClusterStore } from '../src/types.ts';
import type { LabelledDoc } from './labelled.ts';
import { formatScores, score } from './metrics.ts';
import type { Scores } from './metrics.ts';

export interface Assignment {
  id: string;
  cluster: string;
  /**
   * Story (write-ups of one event) from the story assigner (in-memory store, file order, a final
   * repair at the end of the stream); the copy cluster when the set has no story labels, so
   * copy-only sets time the copy store alone.
   */
  story: string;
}

export interface EvalReport {
  assignments: Assignment[];
  copies?: Scores;
  stories?: Scores;
  /** Pairs put in one copy cluster although their `story` labels differ: certain false merges. */
  crossStoryMerges?: number;
  /** Pairs put in one copy cluster within one story (real reprints or false merges: inspect). */
  sameStoryMerges?: number;
  millisPerDoc: number;
}

/** Feeds the documents through the store one by one, in file order, as a dedupe worker would. */
export async function clusterAll(
  store: ClusterStore,
  docs: readonly LabelledDoc[],
  stories: MemoryStoryStore | null = new MemoryStoryStore(),
): Promise<Assignment[]> {
  const out: Assignment[] = [];
  for (const doc of docs) {
    const decision = await store.assign({
      docId: doc.id,
      title: doc.title,
      body: doc.body,
      ...(doc.publishedAt ? { publishedAt: doc.publishedAt } : {}),
    });
    const article = { docId: doc.id, title: doc.title, body: doc.body };
    const story =
      stories === null
        ? decision.clusterId
        : (
            await assignStory(
              stories,
              { ...article, ...(doc.publishedAt ? { publishedAt: doc.publishedAt } : {}) },
              DEFAULT_STORY_OPTIONS,
            )
          ).storyId;
    out.push({ id: doc.id, cluster: decision.clusterId, story });
  }
  // The stream ends here; in service the next periodic repair would run, so run it now.
  if (stories !== null) await repairStories(stories, DEFAULT_STORY_OPTIONS);
  // Later merges relabel earlier documents: read the final cluster of each.
  for (const a of out) a.cluster = (await store.clusterOf(a.id)) ?? a.cluster;
  for (const a of out) a.story = (await stories?.storyOf(a.id)) ?? a.story;
  return out;
}

function mergedPairs(
  docs: readonly LabelledDoc[],
  assignments: readonly Assignment[],
): { cross: number; same: number } {
  const byCluster = new Map<string, LabelledDoc[]>();
  assignments.forEach((a, i) => byCluster.set(a.cluster, [...(byCluster.get(a.cluster) ?? []), docs[i]!]));
  let cross = 0;
  let same = 0;
  for (const members of byCluster.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        if (members[i]!.story === members[j]!.story) same++;
        else cross++;
      }
    }
  }
  return { cross, same };
}

export async function evaluate(store: ClusterStore, docs: readonly LabelledDoc[]): Promise<EvalReport> {
  const started = performance.now();
  const storyLabelled = docs.every((d) => d.story !== undefined);
  const assignments = await clusterAll(store, docs, storyLabelled ? new MemoryStoryStore() : null);
  const report: EvalReport = { assignments, millisPerDoc: (performance.now() - started) / Math.max(1, docs.length) };
  const predicted = assignments.map((a) => a.cluster);
  if (docs.every((d) => d.cluster !== undefined))
    report.copies = score(
      docs.map((d) => d.cluster!),
      predicted,
    );
  if (docs.every((d) => d.story !== undefined)) {
    report.stories = score(
      docs.map((d) => d.story!),
      assignments.map((a) => a.story),
    );
    const { cross, same } = mergedPairs(docs, assignments);
    report.crossStoryMerges = cross;
    report.sameStoryMerges = same;
  }
  return report;
}

export function formatReport(name: string, report: EvalReport): string {
  const lines: string[] = [];
  if (report.copies) lines.push(formatScores(`${name} - copies (label: cluster)`, report.copies));
  if (report.stories) {
    lines.push(formatScores(`${name} - stories (label: story; story assigner, file order)`, report.stories));
    lines.push(
      `${name} - copies: copy clusters joining different stories: ${report.crossStoryMerges} pairs (false merges);`,
    );
    lines.push(`  within one story: ${report.sameStoryMerges} pairs (reprints of one wire text, or false merges)`);
  }
  lines.push(`  ${report.millisPerDoc.toFixed(3)} ms per document`);
  return lines.join('\n');
}
