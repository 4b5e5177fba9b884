// npm run train:stories — fits the story model on the TRAIN half of ECB+ dev (split by topic,
// seeded) and writes src/core/stories/story-weights.ts. Pairs come from the assigner's own
// candidate retrieval over a stream (5 seeded orders), labelled by the gold story; the stream is
// kept on the gold stories while sampling, so candidates look like those of a good clustering.
// The repair's group model is fitted on the offers the repair's agglomeration makes over the same
// train articles (group-samples.ts). Its threshold is chosen by cross-validation over topic folds
// inside the train half: the highest held-out pairwise F1 whose precision keeps a margin above the
// 0.95 target.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STORY_OPTIONS } from '../../src/core/stories/assign-story.ts';
import { candidateKeys } from '../../src/core/stories/candidate-keys.ts';
import { frequencyKeys } from '../../src/core/stories/frequencies.ts';
import type { StoryModel } from '../../src/core/stories/model.ts';
import { profileOf } from '../../src/core/stories/profile.ts';
import { GROUP_FEATURES } from '../../src/core/stories/group-features.ts';
import { features, FEATURES, truncate, weigh } from '../../src/core/stories/similarity.ts';
import { MemoryStoryStore } from '../../src/store/stories/memory-story-store.ts';
import type { LabelledDoc } from '../labelled.ts';
import { readJsonl } from '../labelled.ts';
import { Random } from '../prng.ts';
import { ecbplusDevFile } from './dataset-path.ts';
import { groupSamples } from './group-samples.ts';
import { fitLogistic } from './logistic.ts';
import type { Sample } from './logistic.ts';
import { EVAL_ORDERS, scoreOrders, SPLIT_SEED, summarise } from './story-eval.ts';
import { splitByTopic } from './topic-split.ts';

const PRECISION_FLOOR = 0.97;
const REPAIR_GRID = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85];
/**
 * Thresholds whose F1 is this close to the best are tied; the middle of the tied run is taken, so
 * the choice sits away from both edges (the low edge is where a big false merge starts).
 */
const F1_TIE = 0.002;
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

function namedWeights<K extends string>(names: readonly K[], w: readonly number[]): Record<K, number> {
  return Object.fromEntries(names.map((f, i) => [f, Number(w[i + 1]!.toFixed(4))])) as Record<K, number>;
}

/** The pair model alone (the group model still to fit): enough to stream and to score pairs. */
function pairModelOf(w: readonly number[]): StoryModel {
  const group = { bias: 0, weights: namedWeights(GROUP_FEATURES, [0, ...GROUP_FEATURES.map(() => 0)]) };
  return { bias: Number(w[0]!.toFixed(4)), weights: namedWeights(FEATURES, w), group, ...FIXED_THRESHOLDS, repair: 1 };
}

/** Both models fitted on `docs`: the pair model, then the group model on the repair's offers. */
export async function fitModels(
  docs: readonly LabelledDoc[],
): Promise<{ model: StoryModel; pairs: number; offers: number }> {
  const pairSamples = await trainingSamples(docs);
  const pairModel = pairModelOf(fitLogistic(pairSamples));
  const offers = await groupSamples(docs, pairModel);
  const g = fitLogistic(offers);
  const group = { bias: Number(g[0]!.toFixed(4)), weights: namedWeights(GROUP_FEATURES, g) };
  return { model: { ...pairModel, group }, pairs: pairSamples.length, offers: offers.length };
}

/** Mean held-out pairwise F1 and precision of one repair threshold over the inner topic folds. */
async function crossValidate(folds: readonly { fit: StoryModel; held: LabelledDoc[] }[], repair: number) {
  let [f1, precision] = [0, 0];
  for (const { fit, held } of folds) {
    const model = { ...fit, repair };
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
    folds.push({ fit: (await fitModels(train)).model, held: test });
  }
  const scored = [];
  for (const repair of REPAIR_GRID) scored.push({ repair, ...(await crossValidate(folds, repair)) });
  const eligible = scored.filter((s) => s.precision >= PRECISION_FLOOR);
  if (eligible.length === 0)
    throw new Error(`no repair threshold reaches precision ${PRECISION_FLOOR} in cross-validation`);
  const bestF1 = Math.max(...eligible.map((s) => s.f1));
  const plateau = eligible.filter((s) => s.f1 >= bestF1 - F1_TIE);
  return plateau[Math.floor((plateau.length - 1) / 2)]!.repair;
}

function weightsSource(model: StoryModel, pairs: number, offers: number): string {
  return `// Generated by \`npm run train:stories\` (eval/stories/train-story-model.ts): logistic
// regressions on ${pairs} candidate pairs (pair model) and ${offers} repair offers (group model) from the
// TRAIN half of ECB+ dev (topic split, seed ${SPLIT_SEED}), repair threshold by cross-validation inside
// that half. Do not edit by hand; retrain.
import type { StoryModel } from './model.ts';

export const TRAINED_STORY_MODEL: StoryModel = ${JSON.stringify(model, null, 2)};
`;
}

if (process.argv[1] === import.meta.filename) await main();

async function main(): Promise<void> {
  const { train } = splitByTopic(readJsonl(ecbplusDevFile()), SPLIT_SEED);
  const { model: fitted, pairs, offers } = await fitModels(train);
  console.log(`${pairs} candidate pairs, ${offers} repair offers`);
  const model = { ...fitted, repair: await chooseRepair(train) };
  const out = join(import.meta.dirname, '../../src/core/stories/story-weights.ts');
  writeFileSync(out, weightsSource(model, pairs, offers));
  console.log(`wrote ${out}:`, model);
}
