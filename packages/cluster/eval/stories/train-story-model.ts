// npm run train:stories — fits the story model on the TRAIN half of ECB+ dev (split by topic,
// seeded) and writes src/core/stories/story-weights.ts. Pairs come from the assigner's own
// candidate retrieval over a stream (5 seeded orders), labelled by the gold story; the stream is
// kept on the gold stories while sampling, so candidates look like those of a good clustering.
// The repair threshold is chosen by cross-validation over topic folds inside the train half: the
// highest held-out pairwise F1 whose precision keeps a margin above the 0.95 target.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STORY_OPTIONS } from '../../src/core/stories/assign-story.ts';
import { candidateKeys } from '../../src/core/stories/candidate-keys.ts';
import { frequencyKeys } from '../../src/core/stories/frequencies.ts';
import type { StoryModel } from '../../src/core/stories/model.ts';
import { profileOf } from '../../src/core/stories/profile.ts';
import { features, FEATURES, truncate, weigh } from '../../src/core/stories/similarity.ts';
import type { Features } from '../../src/core/stories/similarity.ts';
import { MemoryStoryStore } from '../../src/store/stories/memory-story-store.ts';
import type { LabelledDoc } from '../labelled.ts';
import { readJsonl } from '../labelled.ts';
import { Random } from '../prng.ts';
import { ecbplusDevFile } from './dataset-path.ts';
import { fitLogistic } from './logistic.ts';
import type { Sample } from './logistic.ts';
import { EVAL_ORDERS, scoreOrders, SPLIT_SEED, summarise } from './story-eval.ts';
import { splitByTopic } from './topic-split.ts';

const PRECISION_FLOOR = 0.97;
const REPAIR_GRID = [0.4, 0.5, 0.6, 0.7];
/** Online thresholds: the repair pass settles the final stories, these only shape the live ones. */
const FIXED_THRESHOLDS = { join: 0.5, merge: 0.95 };

async function samplesOfOrder(docs: readonly LabelledDoc[]): Promise<Sample[]> {
  const store = new MemoryStoryStore();
  const gold = new Map(docs.map((d) => [d.id, d.story!]));
  const storyOfGold = new Map<string, string>();
  const samples: Sample[] = [];
  for (const doc of docs) {
    const profile = profileOf({ docId: doc.id, title: doc.title, body: doc.body });
    await store.count(doc.id, frequencyKeys(profile));
    const vector = weigh(profile, await store.frequencies());
    const indexKeys = candidateKeys(vector);
    for (const candidate of await store.candidates(indexKeys, DEFAULT_STORY_OPTIONS.candidateLimit)) {
      const pair = features(vector, candidate.vector);
      samples.push({ x: FEATURES.map((f) => pair[f]), y: gold.get(candidate.vector.docId) === doc.story ? 1 : 0 });
    }
    const storyId = storyOfGold.get(doc.story!) ?? null;
    const decision = await store.commit({ profile, vector: truncate(vector), indexKeys, storyId, absorb: [] });
    storyOfGold.set(doc.story!, decision.storyId);
  }
  return samples;
}

export async function trainingSamples(docs: readonly LabelledDoc[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let order = 1; order <= EVAL_ORDERS; order++)
    samples.push(...(await samplesOfOrder(new Random(100 + order).shuffle(docs))));
  return samples;
}

export function modelOf(w: readonly number[], thresholds: Pick<StoryModel, 'join' | 'merge' | 'repair'>): StoryModel {
  const weights = Object.fromEntries(FEATURES.map((f, i) => [f, Number(w[i + 1]!.toFixed(4))])) as Features;
  return { bias: Number(w[0]!.toFixed(4)), weights, ...thresholds };
}

/** Mean held-out pairwise F1 and precision of one repair threshold over the inner topic folds. */
async function crossValidate(folds: readonly { fit: number[]; held: LabelledDoc[] }[], repair: number) {
  let [f1, precision] = [0, 0];
  for (const { fit, held } of folds) {
    const model = modelOf(fit, { ...FIXED_THRESHOLDS, repair });
    const summary = summarise(await scoreOrders(held, { ...DEFAULT_STORY_OPTIONS, model }, 3));
    [f1, precision] = [f1 + summary.f1 / folds.length, precision + summary.precision / folds.length];
  }
  console.log(`repair ${repair}: inner held-out P ${precision.toFixed(4)} F1 ${f1.toFixed(4)}`);
  return { f1, precision };
}

/**
 * The repair threshold by 2-fold cross-validation inside the train half (topic folds): fit on one
 * fold, score on the other. Choosing on the fitted articles themselves picked a threshold at the
 * edge of a precision cliff that did not carry over to unseen topics.
 */
async function chooseRepair(docs: readonly LabelledDoc[]): Promise<number> {
  const folds = [];
  for (const seed of [1, 2]) {
    const { train, test } = splitByTopic(docs, seed);
    folds.push({ fit: fitLogistic(await trainingSamples(train)), held: test });
  }
  let best: { repair: number; f1: number } | undefined;
  for (const repair of REPAIR_GRID) {
    const { f1, precision } = await crossValidate(folds, repair);
    if (precision >= PRECISION_FLOOR && f1 > (best?.f1 ?? -1)) best = { repair, f1 };
  }
  if (best === undefined)
    throw new Error(`no repair threshold reaches precision ${PRECISION_FLOOR} in cross-validation`);
  return best.repair;
}

function weightsSource(model: StoryModel, pairs: number): string {
  return `// Generated by \`npm run train:stories\` (eval/stories/train-story-model.ts): a logistic
// regression on ${pairs} candidate pairs from the TRAIN half of ECB+ dev (topic split, seed ${SPLIT_SEED}),
// repair threshold by cross-validation inside that half. Do not edit by hand; retrain.
import type { StoryModel } from './model.ts';

export const TRAINED_STORY_MODEL: StoryModel = ${JSON.stringify(model, null, 2)};
`;
}

if (process.argv[1] === import.meta.filename) await main();

async function main(): Promise<void> {
  const { train } = splitByTopic(readJsonl(ecbplusDevFile()), SPLIT_SEED);
  const samples = await trainingSamples(train);
  const w = fitLogistic(samples);
  console.log(
    `${samples.length} pairs (${samples.filter((s) => s.y === 1).length} same story); weights ${w.map((x) => x.toFixed(3)).join(' ')}`,
  );
  const model = modelOf(w, { ...FIXED_THRESHOLDS, repair: await chooseRepair(train) });
  const out = join(import.meta.dirname, '../../src/core/stories/story-weights.ts');
  writeFileSync(out, weightsSource(model, samples.length));
  console.log(`wrote ${out}:`, model);
}
