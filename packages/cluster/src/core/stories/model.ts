// The combination of signals: a logistic regression over the pair features, trained offline on
// the train half of the dev set (eval/stories/train-story-model.ts writes story-weights.ts).
// Its output is the probability that two articles report one event; the thresholds that act on
// it were chosen on the same train half.
import type { GroupModel } from './group-features.ts';
import { FEATURES } from './similarity.ts';
import type { Features } from './similarity.ts';

export interface StoryModel {
  bias: number;
  weights: Features;
  /** Join the best-matching member's story when the pair probability reaches this. */
  join: number;
  /** Also merge another story into it when the new article matches one of its members this well. */
  merge: number;
  /** Repair pass: joins two groups when the group model's probability reaches `repair`. */
  group: GroupModel;
  repair: number;
}

export function pairProbability(model: StoryModel, pair: Features): number {
  let z = model.bias;
  for (const name of FEATURES) z += model.weights[name] * pair[name];
  return 1 / (1 + Math.exp(-z));
}
