// Training pairs for the repair's group model: the train articles are streamed (so each carries
// the vector it would have been stored with), their pair graph is scored by the pair model, and
// the repair's own agglomeration runs with the gold labels deciding. Every offer it makes is a
// sample — the features of the two groups, labelled by whether their majority stories agree — so
// the model learns from the offers the repair really faces, in the order it faces them.
import { DEFAULT_STORY_OPTIONS } from '../../src/core/stories/assign-story.ts';
import { assignStory } from '../../src/core/stories/assign-story.ts';
import { GROUP_FEATURES } from '../../src/core/stories/group-features.ts';
import { agglomerate } from '../../src/core/stories/linkage.ts';
import type { StoryModel } from '../../src/core/stories/model.ts';
import { pairGraph } from '../../src/core/stories/repair.ts';
import { MemoryStoryStore } from '../../src/store/stories/memory-story-store.ts';
import type { LabelledDoc } from '../labelled.ts';
import { Random } from '../prng.ts';
import type { Sample } from './logistic.ts';

function majority(labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

async function samplesOfOrder(docs: readonly LabelledDoc[], model: StoryModel): Promise<Sample[]> {
  const store = new MemoryStoryStore();
  const options = { ...DEFAULT_STORY_OPTIONS, model, repairEvery: 0 };
  for (const doc of docs) await assignStory(store, { docId: doc.id, title: doc.title, body: doc.body }, options);
  const members = (await store.recentMembers(docs.length, docs.length)).map((m) => ({
    storyId: m.storyId,
    profile: m.vector,
  }));
  const gold = new Map(docs.map((d) => [d.id, d.story!]));
  const storyOf = (indices: readonly number[]) => majority(indices.map((i) => gold.get(members[i]!.profile.docId)!));
  const samples: Sample[] = [];
  const window = { windowMillis: options.windowDays * 86_400_000 };
  const profiles = members.map((m) => m.profile);
  agglomerate(pairGraph(members, model, window), profiles, (features, a, b) => {
    const y = storyOf(a) === storyOf(b) ? 1 : 0;
    samples.push({ x: GROUP_FEATURES.map((f) => features[f]), y });
    return y === 1;
  });
  return samples;
}

/** Offers from 5 seeded arrival orders of `docs`, scored with the given pair model. */
export async function groupSamples(docs: readonly LabelledDoc[], model: StoryModel, orders = 5): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let order = 1; order <= orders; order++)
    samples.push(...(await samplesOfOrder(new Random(200 + order).shuffle(docs), model)));
  return samples;
}
