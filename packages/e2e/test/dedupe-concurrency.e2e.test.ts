// Two dedupe worker processes and an indexer, copies of several stories enqueued at the same instant.
// Each story's two halves arrive first and share no text, so they form two clusters; then every
// whole copy at once. A whole copy holds both halves, as a roundup holds two stories, so it bridges
// the halves' clusters without merging them (issue 19: a merge needs evidence between the clusters'
// own members): Elasticsearch ends with every whole copy of a story in one cluster holding one half,
// the other half either merged in (the relabel reached it) where a trimmed copy gave evidence between
// members, or left apart and named in relatedClusters; and no cluster shared by two stories,
// whichever worker took which copy.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { docIdFor, jobIdFor } from '@newsflow/contracts';
import type { DedupeJob } from '@newsflow/contracts';
import { queuePrefix } from '@newsflow/runtime';
import { createEsClient, indexNames } from '@newsflow/search';
import { spawnService, stopProcesses, uniquePrefix, waitFor } from '@newsflow/testkit';
import { clearPrefix } from '@newsflow/testkit';
import { TEST_ELASTICSEARCH_URL, TEST_REDIS_URL } from '@newsflow/testkit';

const DATASET = join(import.meta.dirname, '../../../../shared/datasets/article-extraction-benchmark/ground-truth.json');
const STORIES = 8;

const prefix = uniquePrefix('dedupe');
const names = indexNames(prefix);
const es = createEsClient(TEST_ELASTICSEARCH_URL);
const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });

after(async () => {
  await es.indices.delete({ index: `${prefix}-v*` }).catch(() => undefined);
  await es.indices.deleteIndexTemplate({ name: names.templateName }).catch(() => undefined);
  await clearPrefix(redis, prefix);
  redis.disconnect();
  await es.close();
});

/** Long real bodies, each story's variants: whole, reordered, trimmed, each half alone, and an extended copy. */
function storyVariants(): Array<{ story: number; title: string; body: string; half: boolean }> {
  const truth = JSON.parse(readFileSync(DATASET, 'utf8')) as Record<string, { articleBody: string }>;
  const bodies = Object.values(truth)
    .map((entry) => entry.articleBody.split(/\n\s*\n/).filter((p) => p.trim() !== ''))
    .filter((paragraphs) => paragraphs.length >= 8 && paragraphs.join(' ').length > 4000)
    .slice(0, STORIES);
  assert.equal(bodies.length, STORIES);
  return bodies.flatMap((paragraphs, story) => {
    const half = Math.floor(paragraphs.length / 2);
    const variants = [
      paragraphs,
      [...paragraphs].reverse(),
      paragraphs.slice(0, Math.ceil(paragraphs.length * 0.7)),
      paragraphs.slice(0, half),
      paragraphs.slice(half),
      [...paragraphs, 'Some information for this report was provided by The Associated Press and Reuters.'],
    ];
    return variants.map((variant, i) => ({
      story,
      title: `Story ${story}`,
      body: variant.join('\n\n'),
      half: i === 3 || i === 4,
    }));
  });
}

function dedupeJob(url: string, title: string, body: string): DedupeJob {
  const now = new Date().toISOString();
  return {
    docId: docIdFor(url),
    domain: new URL(url).hostname,
    finalUrl: url,
    fetchedAt: now,
    submittedAt: now,
    article: {
      url,
      title,
      body,
      authors: [],
      tags: [],
      wordCount: body.split(/\s+/).length,
      provenance: {},
      flags: { paywall: false, jsShell: false, blocked: false, notArticle: false },
    },
  };
}

interface Doc {
  docId: string;
  clusterId: string;
  relatedClusters?: string[];
}

async function indexedDocs(): Promise<Doc[]> {
  await es.indices.refresh({ index: names.readAlias });
  const result = await es.search({
    index: names.readAlias,
    size: 200,
    _source: ['docId', 'clusterId', 'relatedClusters'],
    query: { match_all: {} },
  });
  return result.hits.hits.map((hit) => hit._source as Doc);
}

test('two dedupe workers, copies enqueued at once: the whole copies of a story in one cluster, the other half merged on evidence or related, never two stories in one', async () => {
  const env = {
    ...process.env,
    REDIS_URL: TEST_REDIS_URL,
    ELASTICSEARCH_URL: TEST_ELASTICSEARCH_URL,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_INDEX_PREFIX: prefix,
    LOG_LEVEL: 'error',
    DEDUPE_CONCURRENCY: '8',
  };
  const workers = [spawnService('dedupe', env), spawnService('dedupe', env), spawnService('indexer', env)];
  const queue = new Queue('dedupe', { connection: redis, prefix: queuePrefix(prefix, 'dedupe') });
  const enqueue = (batch: typeof variants) =>
    queue.addBulk(
      batch.map(({ url, title, body }) => {
        const data = dedupeJob(url, title, body);
        return { name: 'dedupe', data, opts: { jobId: jobIdFor('dedupe', data.docId) } };
      }),
    );
  const variants = storyVariants().map((variant, i) => ({
    ...variant,
    url: `https://outlet-${i % 6}.example/story-${variant.story}/${i}`,
  }));
  const storyOf = new Map(variants.map((variant) => [docIdFor(variant.url), variant.story]));
  const clustersPerStory = (docs: Doc[]) =>
    [...Map.groupBy(docs, (doc) => storyOf.get(doc.docId)).values()].map(
      (members) => new Set(members.map((doc) => doc.clusterId)),
    );
  try {
    // First each story's two halves only: they share no text, so each story starts as two clusters.
    const halves = variants.filter((variant) => variant.half);
    await enqueue(halves);
    const first = await waitFor(
      'the halves to be indexed',
      async () => {
        const docs = await indexedDocs().catch(() => []);
        return docs.length === halves.length ? docs : undefined;
      },
      90_000,
      500,
    );
    assert.ok(
      clustersPerStory(first).every((clusters) => clusters.size === 2),
      'halves of a story start apart',
    );
    // Then every other copy at the same instant: the whole-story copies bridge the halves' clusters.
    await enqueue(variants.filter((variant) => !variant.half));
    const docs = await waitFor(
      'every copy to be indexed with its decision',
      async () => {
        const all = await indexedDocs();
        return all.length === variants.length ? all : undefined;
      },
      90_000,
      500,
    );
    let merged = 0;
    let related = 0;
    const halfOf = new Set(variants.filter((variant) => variant.half).map((variant) => docIdFor(variant.url)));
    for (const [story, members] of Map.groupBy(docs, (doc) => storyOf.get(doc.docId))) {
      const wholes = members.filter((doc) => !halfOf.has(doc.docId));
      const halves = members.filter((doc) => halfOf.has(doc.docId));
      const wholeClusters = new Set(wholes.map((doc) => doc.clusterId));
      assert.equal(wholeClusters.size, 1, `story ${story}: every whole copy in one cluster`);
      const [joined] = wholeClusters;
      const storyClusters = new Set(members.map((doc) => doc.clusterId));
      assert.ok(
        storyClusters.has(joined!) && storyClusters.size <= 2,
        `story ${story}: the halves' two clusters at most`,
      );
      const bridged = halves.find((doc) => doc.clusterId !== joined);
      if (bridged) {
        // Bridged only: the whole copies say which cluster they also quote.
        related += 1;
        assert.ok(
          wholes.some((doc) => doc.relatedClusters?.includes(bridged.clusterId)),
          `story ${story}: a whole copy names the bridged half's cluster as related`,
        );
      } else merged += 1; // evidence between members merged them: the relabel reached every indexed half
    }
    console.log(`stories merged by member evidence ${merged}, bridged and related ${related}`);
    const storiesOfCluster = Map.groupBy(docs, (doc) => doc.clusterId);
    for (const [clusterId, members] of storiesOfCluster) {
      assert.equal(new Set(members.map((doc) => storyOf.get(doc.docId))).size, 1, `${clusterId}: one story only`);
    }
  } finally {
    await queue.close();
    await stopProcesses(workers);
  }
});
