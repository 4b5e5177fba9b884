// The story section of `npm run eval:dedupe`: the held-out half of the topic split (the model
// was trained and its thresholds chosen on the other half) as the headline, the whole set beside.
import type { LabelledDoc } from '../labelled.ts';
import { EVAL_ORDERS, formatStoryScores, scoreOrders, SPLIT_SEED } from './story-eval.ts';
import { splitByTopic } from './topic-split.ts';

export async function storyFigures(docs: readonly LabelledDoc[]): Promise<string> {
  const { train, test } = splitByTopic(docs, SPLIT_SEED);
  return [
    `stories (streaming assigner, ${EVAL_ORDERS} seeded arrival orders, topic split seed ${SPLIT_SEED}: ` +
      `${test.length} held-out / ${train.length} train documents)`,
    formatStoryScores('ecbplus-dev held-out half (headline)', await scoreOrders(test)),
    formatStoryScores('ecbplus-dev whole set (half of it trained on)', await scoreOrders(docs)),
  ].join('\n');
}
