// Story figures: the assigner over a labelled set in several seeded arrival orders (order matters
// for a stream), scored by pairwise P/R/F1 and B-cubed F1, reported as mean and spread.
import { assignStory, DEFAULT_STORY_OPTIONS, repairStories } from '../../src/core/stories/assign-story.ts';
import type { StoryOptions } from '../../src/core/stories/assign-story.ts';
import type { StoryStore } from '../../src/core/stories/story-store.ts';
import { MemoryStoryStore } from '../../src/store/stories/memory-story-store.ts';
import type { LabelledDoc } from '../labelled.ts';
import { score } from '../metrics.ts';
import type { Scores } from '../metrics.ts';
import { Random } from '../prng.ts';

export const EVAL_ORDERS = 5;
export const SPLIT_SEED = 15;

/**
 * A fresh, empty story store per arrival order, and what to do once its order is scored (a Redis
 * store deletes its keys). The default is the in-memory store.
 */
export interface StoryStoreMaker {
  make(): StoryStore;
  done?(store: StoryStore): Promise<void>;
}

const MEMORY_STORES: StoryStoreMaker = { make: () => new MemoryStoryStore() };

/** Final story of each document after streaming `docs` in the given order. */
export async function streamStories(
  docs: readonly LabelledDoc[],
  options: StoryOptions,
  stores: StoryStoreMaker = MEMORY_STORES,
): Promise<Map<string, string>> {
  const store = stores.make();
  for (const doc of docs)
    await assignStory(
      store,
      { docId: doc.id, title: doc.title, body: doc.body, ...(doc.publishedAt ? { publishedAt: doc.publishedAt } : {}) },
      options,
    );
  // The stream ends here; in service the next periodic repair would run, so run it now.
  if (options.repairEvery > 0) await repairStories(store, options);
  const stories = await store.storiesOf(docs.map((d) => d.id));
  await stores.done?.(store);
  return new Map(docs.map((d, i) => [d.id, stories[i]!]));
}

export async function scoreOrders(
  docs: readonly LabelledDoc[],
  options: StoryOptions = DEFAULT_STORY_OPTIONS,
  orders = EVAL_ORDERS,
  stores: StoryStoreMaker = MEMORY_STORES,
): Promise<Scores[]> {
  const results: Scores[] = [];
  for (let order = 1; order <= orders; order++) {
    const shuffled = new Random(order).shuffle(docs);
    const stories = await streamStories(shuffled, options, stores);
    results.push(
      score(
        shuffled.map((d) => d.story!),
        shuffled.map((d) => stories.get(d.id)!),
      ),
    );
  }
  return results;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const spread = (xs: readonly number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

export interface Summary {
  precision: number;
  recall: number;
  f1: number;
  bcubedF1: number;
}

export function summarise(results: readonly Scores[], of: (xs: readonly number[]) => number = mean): Summary {
  return {
    precision: of(results.map((r) => r.pairwise.precision)),
    recall: of(results.map((r) => r.pairwise.recall)),
    f1: of(results.map((r) => r.pairwise.f1)),
    bcubedF1: of(results.map((r) => r.bcubed.f1)),
  };
}

export function formatStoryScores(name: string, results: readonly Scores[]): string {
  const [m, s] = [summarise(results), summarise(results, spread)];
  const cell = (key: keyof Summary) => `${m[key].toFixed(4)} ± ${s[key].toFixed(4)}`;
  return [
    `${name}: ${results[0]?.documents ?? 0} documents, mean ± sd over ${results.length} arrival orders`,
    `  pairwise  P ${cell('precision')}  R ${cell('recall')}  F1 ${cell('f1')}`,
    `  B-cubed   F1 ${cell('bcubedF1')}`,
  ].join('\n');
}
