// The story section of `npm run eval:dedupe`: the held-out half of the topic split (the model
// was trained and its thresholds chosen on the other half) as the headline, the whole set beside.
import type { LabelledDoc } from '../labelled.ts';
import { DEFAULT_STORY_OPTIONS } from '../../src/core/stories/assign-story.ts';
import { EVAL_ORDERS, formatStoryScores, scoreOrders, SPLIT_SEED } from './story-eval.ts';
import type { StoryStoreMaker } from './story-eval.ts';
import { splitByTopic } from './topic-split.ts';

export async function storyFigures(docs: readonly LabelledDoc[], stores?: StoryStoreMaker): Promise<string> {
  const scored = (set: readonly LabelledDoc[]) => scoreOrders(set, DEFAULT_STORY_OPTIONS, EVAL_ORDERS, stores);
  const { train, test } = splitByTopic(docs, SPLIT_SEED);
  return [
    `stories (streaming assigner, ${EVAL_ORDERS} seeded arrival orders, topic split seed ${SPLIT_SEED}: ` +
      `${test.length} held-out / ${train.length} train documents)`,
    formatStoryScores('ecbplus-dev held-out half (headline)', await scored(test)),
    formatStoryScores('ecbplus-dev whole set (half of it trained on)', await scored(docs)),
  ].join('\n');
}
