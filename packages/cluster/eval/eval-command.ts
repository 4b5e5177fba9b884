// npm run eval:dedupe [-- FILE] [--out ASSIGNMENTS.jsonl] [--redis URL] [--copies N] [--seed N]
// Without FILE: the syndication suite (copies), ECB+ dev (copy-level false merges across
// different write-ups) and the excerpt and roundup suite built from ECB+ dev (excerpt-suite.ts:
// excerpt copy recall, cross-story precision with roundups present). With --redis the documents
// go through the Redis stores instead of the in-memory ones (same decision procedure), copies and
// stories alike, under throwaway key prefixes.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createMemoryClusterStore } from '../src/store/memory-store.ts';
import { createClusterStore, deleteKeys } from '../src/store/redis-store.ts';
import type { ClusterStore } from '../src/types.ts';
import { readJsonl } from './labelled.ts';
import type { LabelledDoc } from './labelled.ts';
import { evaluate, formatReport } from './run-eval.ts';
import type { EvalReport } from './run-eval.ts';
import { ECBPLUS_FILE, syndicationSuite } from './syndication-suite.ts';
import { excerptSuite } from './excerpt-suite.ts';
import { formatExcerptScores, scoreExcerptSuite } from './excerpt-eval.ts';
import { RedisStoryStore } from '../src/store/stories/redis-story-store.ts';
import { formatStoryScores, scoreOrders, EVAL_ORDERS } from './stories/story-eval.ts';
import type { StoryStoreMaker } from './stories/story-eval.ts';
import { DEFAULT_STORY_OPTIONS } from '../src/core/stories/assign-story.ts';
import { storyFigures } from './stories/story-figures.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, redis: { type: 'string' }, copies: { type: 'string' }, seed: { type: 'string' } },
});

async function withStore<T>(run: (store: ClusterStore) => Promise<T>): Promise<T> {
  if (values.redis === undefined) return run(createMemoryClusterStore());
  const redis = new Redis(values.redis);
  const prefix = `newsflow:cluster-eval:${process.pid}:${Date.now()}`;
  try {
    return await run(createClusterStore(redis, { prefix }));
  } finally {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  }
}

/** With --redis, a Redis story store per arrival order (its keys deleted once scored). */
function storyStores(): { stores?: StoryStoreMaker; close(): void } {
  if (values.redis === undefined) return { close: () => {} };
  const redis = new Redis(values.redis);
  let made = 0;
  const make = () => new RedisStoryStore(redis, `newsflow:story-eval:${process.pid}:${Date.now()}:${made++}`);
  const done = async (store: unknown) => void (await redis.del(...(store as RedisStoryStore).allKeys));
  return { stores: { make, done }, close: () => redis.disconnect() };
}

async function runSet(name: string, docs: LabelledDoc[]): Promise<EvalReport> {
  const report = await withStore((store) => evaluate(store, docs));
  console.log(formatReport(name, report));
  return report;
}

const backend = values.redis === undefined ? 'in-memory store' : `Redis store at ${values.redis}`;
console.log(`eval:dedupe (${backend})\n`);
const reports: EvalReport[] = [];
const stories = storyStores();
if (positionals.length > 0) {
  for (const file of positionals) {
    const docs = readJsonl(file);
    reports.push(await runSet(file, docs));
    // A story-labelled file also gets the headline story figures: 5 seeded arrival orders.
    if (docs.every((d) => d.story !== undefined))
      console.log(
        `\n${formatStoryScores(`${file} stories`, await scoreOrders(docs, DEFAULT_STORY_OPTIONS, EVAL_ORDERS, stories.stores))}`,
      );
  }
} else {
  const suite = syndicationSuite({
    ...(values.copies === undefined ? {} : { copiesPerBody: Number(values.copies) }),
    ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
  });
  reports.push(await runSet('syndication suite', suite));
  console.log('');
  reports.push(await runSet('ecbplus-dev', readJsonl(ECBPLUS_FILE)));
  console.log('');
  const excerpts = excerptSuite(values.seed === undefined ? {} : { seed: Number(values.seed) });
  console.log(
    formatExcerptScores('ecbplus-dev excerpts and roundups', await withStore((s) => scoreExcerptSuite(s, excerpts))),
  );
  console.log(`\n${await storyFigures(readJsonl(ECBPLUS_FILE), stories.stores)}`);
}
stories.close();
if (values.out !== undefined) {
  writeFileSync(
    values.out,
    reports
      .flatMap((r) => r.assignments)
      .map((a) => JSON.stringify(a))
      .join('\n') + '\n',
  );
  console.log(`\nassignments written to ${values.out}`);
}
