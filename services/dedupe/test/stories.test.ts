// Stories through the dedupe stage on real Redis and Elasticsearch: the seeds (two outlets' copies
// of one wire story) come out as one cluster in one story; a story merge reaches the indexed
// documents; two dedupe worker processes sharing the story store produce one consistent set of
// stories, in Redis and in Elasticsearch.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_STORY_OPTIONS } from '@newsflow/cluster';
import { ecbplusDevFile, readJsonl } from '@newsflow/cluster/eval-data';
import { loadSeedArticles } from '@newsflow/seeds';
import { spawnService, stopProcesses } from '@newsflow/testkit';
import { dedupeJobOf, startStoryHarness } from './support/story-harness.ts';
import type { StoryHarness } from './support/story-harness.ts';

void describe('stories in the dedupe stage', { timeout: 300_000 }, () => {
  let h: StoryHarness;
  before(async () => (h = await startStoryHarness()));
  after(async () => h.cleanup());

  void it('gives the seeds one cluster and one story, in Elasticsearch too', async () => {
    h.runDedupe(DEFAULT_STORY_OPTIONS, 2);
    const seeds = loadSeedArticles();
    assert.equal(seeds.length, 2);
    const jobs = seeds.map((seed, i) => dedupeJobOf({ ...seed, body: seed.paragraphs.join('\n\n') }, i, h.prefix));
    await h.add(jobs);
    await h.settle(jobs.length);
    const docs = await h.indexed(jobs.map((job) => job.docId));
    const [a, b] = jobs.map((job) => docs.get(job.docId));
    assert.ok(a && b, 'both seeds indexed');
    assert.equal(a.clusterId, b.clusterId, 'one copy cluster');
    assert.equal(a.storyId, b.storyId, 'one story');
    assert.equal(a.storyKey, a.storyId, 'search collapses on the story');
    assert.equal(await h.stories.storyOf(jobs[1]!.docId), a.storyId);
  });
});

void describe('a story merge in the dedupe stage', { timeout: 300_000 }, () => {
  let h: StoryHarness;
  before(async () => (h = await startStoryHarness()));
  after(async () => h.cleanup());

  void it('relabels the merged articles in Elasticsearch; the larger story keeps its id', async () => {
    // A model that never joins on arrival and whose repair joins any linked pair: the fourth
    // assignment's repair merges the four stories, so the merge is certain, not a matter of text.
    const model = {
      ...DEFAULT_STORY_OPTIONS.model,
      bias: 20,
      join: 2,
      merge: 2,
      group: { ...DEFAULT_STORY_OPTIONS.model.group, bias: 20 },
    };
    h.runDedupe({ ...DEFAULT_STORY_OPTIONS, model, repairEvery: 4 }, 1);
    const texts = ['harbour bridge vote', 'harbour bridge council', 'bridge vote council', 'harbour vote delayed'];
    const jobs = texts.map((words, i) =>
      dedupeJobOf({ title: `Council ${words}`, body: `The Zorbel council ${words} on ${i + 3} March.` }, i, h.prefix),
    );
    for (const job of jobs) {
      await h.add([job]);
      await h.settle(jobs.indexOf(job) + 1);
    }
    const docs = await h.indexed(jobs.map((job) => job.docId));
    const storyIds = new Set([...docs.values()].map((doc) => doc.storyId));
    assert.equal(docs.size, 4);
    assert.equal(storyIds.size, 1, `one story in Elasticsearch: ${[...storyIds].join(', ')}`);
    const [storyId] = storyIds;
    assert.equal(storyId, await h.stories.storyOf(jobs[0]!.docId));
    assert.deepEqual((await h.stories.membersOf(storyId!)).sort(), jobs.map((job) => job.docId).sort());
    for (const doc of docs.values()) {
      assert.equal(doc.storyKey, storyId);
      if (doc.docId !== storyId) assert.ok((doc.storyMergeSeq ?? 0) >= 1, 'moved by a story relabel');
    }
  });
});

void describe('two dedupe worker processes', { timeout: 600_000 }, () => {
  let h: StoryHarness;
  before(async () => (h = await startStoryHarness()));
  after(async () => h.cleanup());

  void it('assign consistent stories: one story per copy cluster, the same in Redis and in Elasticsearch', async () => {
    const env = { ...process.env, ...h.env, LOG_LEVEL: 'silent', DEDUPE_CONCURRENCY: '4', STORY_REPAIR_EVERY: '25' };
    const workers = [spawnService('dedupe', env), spawnService('dedupe', env)];
    try {
      // Whole events of the dev set, and a verbatim copy of every fifth article (copy clusters).
      const docs = readJsonl(ecbplusDevFile());
      const events = [...new Set(docs.map((d) => d.story))].slice(0, 8);
      const chosen = docs.filter((d) => events.includes(d.story)).slice(0, 70);
      const texts = [...chosen, ...chosen.filter((_, i) => i % 5 === 0)];
      const jobs = texts.map((d, i) => dedupeJobOf({ title: d.title, body: d.body }, i, h.prefix));
      await h.add(jobs);
      await h.settle(jobs.length, 400_000);
      await assertConsistent(
        h,
        jobs.map((job) => job.docId),
      );
    } finally {
      await stopProcesses(workers);
    }
  });
});

async function assertConsistent(h: StoryHarness, docIds: string[]): Promise<void> {
  const stories = new Map<string, string>();
  for (const id of docIds) stories.set(id, (await h.stories.storyOf(id))!);
  const members = new Map<string, string[]>();
  for (const story of new Set(stories.values())) members.set(story, await h.stories.membersOf(story));
  for (const [id, story] of stories) assert.ok(members.get(story)?.includes(id), `${id} is listed in ${story}`);
  const listed = [...members.values()].flat();
  assert.equal(listed.length, new Set(listed).size, 'no article listed in two stories');
  assert.equal(listed.length, docIds.length, 'story lists hold exactly the articles');
  const byCluster = new Map<string, Set<string>>();
  for (const id of docIds) {
    const cluster = (await h.clusters.clusterOf(id))!;
    byCluster.set(cluster, (byCluster.get(cluster) ?? new Set()).add(stories.get(id)!));
  }
  for (const [cluster, held] of byCluster) assert.equal(held.size, 1, `cluster ${cluster} in one story`);
  assert.ok(byCluster.size < docIds.length, 'the copies joined their clusters');
  const indexed = await h.indexed(docIds);
  assert.equal(indexed.size, docIds.length);
  for (const [id, doc] of indexed) assert.equal(doc.storyId, stories.get(id), `${id}: Elasticsearch agrees with Redis`);
}
