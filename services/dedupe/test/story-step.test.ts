// The story step's wait for a copy cluster's story asks the story store once per attempt for all
// the members it looks at (storiesOf, one HMGET), not once per member. Real Redis; the story store
// is the real one, wrapped only to count the requests it gets.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createClusterStore, DEFAULT_STORY_OPTIONS, RedisStoryStore } from '@newsflow/cluster';
import type { StoryStore } from '@newsflow/cluster';
import type { DedupeInput } from '@newsflow/contracts';
import { loadSeedArticles } from '@newsflow/seeds';
import { assignStoryStep } from '../src/story-step.ts';
import { TEST_REDIS_URL } from '@newsflow/testkit';

const redis = new Redis(TEST_REDIS_URL);
const prefix = `test:story-step:{${randomUUID()}}`;
const stories = new RedisStoryStore(redis, `${prefix}:stories`);
after(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

/** The real store, counting storyOf and storiesOf calls. */
function counting(store: StoryStore): { store: StoryStore; calls: { storyOf: number; storiesOf: number } } {
  const calls = { storyOf: 0, storiesOf: 0 };
  const counted = Object.create(store) as StoryStore;
  counted.storyOf = (id) => (calls.storyOf++, store.storyOf(id));
  counted.storiesOf = (ids) => (calls.storiesOf++, store.storiesOf(ids));
  return { store: counted, calls };
}

function jobOf(n: number, title: string, body: string): DedupeInput {
  const url = `https://outlet-${n}.example/${prefix}/${n}`;
  const now = new Date().toISOString();
  const article = { url, title, body, authors: [], tags: [], wordCount: body.split(/\s+/).length, provenance: {} };
  const flags = { paywall: false, jsShell: false, blocked: false, notArticle: false };
  return {
    docId: `d${n}`,
    domain: `outlet-${n}.example`,
    finalUrl: url,
    fetchedAt: now,
    submittedAt: now,
    article: { ...article, flags },
  };
}

void describe('story step', () => {
  void it('asks the story store once per attempt for all cluster members', async () => {
    const clusters = createClusterStore(redis, { prefix: `${prefix}:cluster` });
    const [seed] = loadSeedArticles();
    const body = seed!.paragraphs.join('\n\n');
    const jobs = [1, 2, 3, 4].map((n) => jobOf(n, seed!.title, body));
    // Three members join one copy cluster, none has a story yet (their story steps "still run").
    for (const job of jobs.slice(0, 3)) await clusters.assign({ docId: job.docId, title: seed!.title, body });
    const last = jobs[3]!;
    const decision = await clusters.assign({ docId: last.docId, title: seed!.title, body });
    assert.equal(decision.isNewCluster, false);
    const waiting = counting(stories);
    await assignStoryStep({ store: waiting.store, options: DEFAULT_STORY_OPTIONS }, clusters, last, decision);
    assert.deepEqual(waiting.calls, { storyOf: 0, storiesOf: 40 }, 'one request per attempt, 40 attempts');
    // Now that a member has a story, the next copy takes it after one request.
    const again = counting(stories);
    const next = jobOf(5, seed!.title, body);
    const nextDecision = await clusters.assign({ docId: next.docId, title: seed!.title, body });
    const outcome = await assignStoryStep(
      { store: again.store, options: DEFAULT_STORY_OPTIONS },
      clusters,
      next,
      nextDecision,
    );
    assert.deepEqual(again.calls, { storyOf: 0, storiesOf: 1 });
    assert.equal(outcome.storyId, await stories.storyOf(last.docId));
  });
});
