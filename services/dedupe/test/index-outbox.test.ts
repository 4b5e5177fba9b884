// The index outbox against real Redis: coalescing, each dedupe job completing only after the flush
// that carries its document, and a failed flush failing the waiting jobs so BullMQ retries them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { docIdFor, jobIdFor, splitUpsertPayload, upsertJobIdFor, upsertRefOf } from '@newsflow/contracts';
import type { ArticleDocument, DedupeInput } from '@newsflow/contracts';
import { createQueue, enqueueUpsert } from '@newsflow/runtime';
import { createIndexOutbox } from '../src/index-outbox.ts';
import type { AddUpsert } from '../src/index-outbox.ts';
import { runDedupeStage } from './support/dedupe-stage.ts';
import { useTestQueues } from '@newsflow/testkit';
import { Redis } from 'ioredis';

const { redis, prefix, queues } = useTestQueues('tq');
const indexQueue = queues.index;
const addUpsert: AddUpsert = (documents) => enqueueUpsert(indexQueue, redis, documents);

function dedupeJob(n: number): DedupeInput {
  const url = `https://outlet.example/story-${n}-${prefix}`;
  const now = new Date().toISOString();
  const body = `Story ${n}: ${randomBytes(24).toString('hex')} council harbour bridge vote`;
  return {
    docId: docIdFor(url),
    domain: 'outlet.example',
    finalUrl: url,
    fetchedAt: now,
    submittedAt: now,
    article: {
      url,
      title: `Story ${n} ${randomBytes(4).toString('hex')}`,
      body,
      authors: [],
      tags: [],
      wordCount: 8,
      provenance: {},
      flags: { paywall: false, jsShell: false, blocked: false, notArticle: false },
    },
  };
}

function documentOf(job: DedupeInput): ArticleDocument {
  const { article, ...meta } = job;
  return { ...article, ...meta, clusterId: `c-${job.docId}` };
}

async function until(done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  for (
    const deadline = Date.now() + timeoutMs;
    !(await done());
    await new Promise((resolve) => setTimeout(resolve, 50))
  ) {
    if (Date.now() > deadline) throw new Error('timed out');
  }
}

async function upserts(): Promise<Array<{ id: string; docIds: string[] }>> {
  const jobs = await indexQueue.getJobs(['waiting', 'prioritized']);
  return jobs.flatMap((job) =>
    job.data.kind === 'upsert' ? [{ id: String(job.id), docIds: job.data.documents.map((doc) => doc.docId) }] : [],
  );
}

void describe('index outbox', () => {
  void it('coalesces concurrent documents into one job per flush, by count or by time', async () => {
    const outbox = createIndexOutbox(addUpsert, { maxDocs: 4, flushMs: 30 });
    const docs = Array.from({ length: 6 }, (_, i) => documentOf(dedupeJob(i)));
    await Promise.all(docs.map((doc) => outbox.submit(doc)));
    const jobs = await upserts();
    assert.deepEqual(
      jobs.map((job) => job.docIds.length).sort(),
      [2, 4],
      'a full batch at once, the rest after flushMs',
    );
    const first = jobs.find((job) => job.docIds.length === 4);
    assert.equal(first?.id, upsertJobIdFor(docs.slice(0, 4).map((doc) => upsertRefOf(doc))));
    // The documents travel beside the job, in order, in the shape Elasticsearch stores.
    const job = await indexQueue.getJob(first!.id);
    const payload = job?.data.kind === 'upsert' ? await redis.getBuffer(job.data.payload) : null;
    const stored = splitUpsertPayload(payload ?? Buffer.alloc(0)).map(
      (line) => JSON.parse(line.toString()) as { docId: string; body: string },
    );
    assert.deepEqual(
      stored.map((doc) => [doc.docId, doc.body]),
      docs.slice(0, 4).map((doc) => [doc.docId, doc.body]),
    );
    // A replayed identical batch is a no-op: same id.
    await Promise.all(
      docs
        .slice(0, 4)
        .reverse()
        .map((doc) => outbox.submit(doc)),
    );
    assert.equal((await upserts()).length, 2);
    await indexQueue.obliterate({ force: true });
  });

  void it('settles each submission only once the job carrying its document is in Redis', async () => {
    const outbox = createIndexOutbox(addUpsert, { maxDocs: 100, flushMs: 150 });
    const doc = documentOf(dedupeJob(100));
    let settled = false;
    const submitted = outbox.submit(doc).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(settled, false, 'still waiting for the flush');
    assert.equal((await upserts()).length, 0);
    await submitted;
    const job = await indexQueue.getJob(upsertJobIdFor([upsertRefOf(doc)]));
    assert.deepEqual(job?.data.kind === 'upsert' ? job.data.documents.map((d) => d.docId) : [], [doc.docId]);
    await indexQueue.obliterate({ force: true });
  });

  void it('rides out Redis being unavailable (a failover) without failing the waiting jobs', async () => {
    // the real error ioredis raises while a server is gone: a client on a port nobody listens on
    const gone = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    gone.on('error', () => {});
    let calls = 0;
    const failover: AddUpsert = async (documents) => {
      if (++calls <= 2) return gone.get('x');
      return addUpsert(documents);
    };
    const outbox = createIndexOutbox(failover, { maxDocs: 2, flushMs: 30 });
    const docs = [documentOf(dedupeJob(300)), documentOf(dedupeJob(301))];
    await Promise.all(docs.map((doc) => outbox.submit(doc)));
    assert.equal(calls, 3, 'retried until Redis answered');
    assert.deepEqual((await upserts()).flatMap((job) => job.docIds).sort(), docs.map((doc) => doc.docId).sort());
    await indexQueue.obliterate({ force: true });
  });

  void it('fails the dedupe jobs waiting on a failed flush, and their retries get the documents indexed', async () => {
    let failures = 1;
    const flaky: AddUpsert = async (documents) => {
      if (failures-- > 0) throw new Error('redis went away');
      return addUpsert(documents);
    };
    const { stage } = runDedupeStage(redis, prefix, flaky, { concurrency: 8, flushMs: 30 });
    const dedupe = createQueue('dedupe', redis, prefix);
    try {
      const jobs = Array.from({ length: 5 }, (_, i) => dedupeJob(200 + i));
      await dedupe.addBulk(
        jobs.map((data) => ({
          name: 'dedupe',
          data,
          opts: { jobId: jobIdFor('dedupe', data.docId), attempts: 3, backoff: { type: 'fixed', delay: 50 } },
        })),
      );
      await until(async () => (await dedupe.getJobCounts('completed')).completed === 5, 10_000);
      const failedOnce = await Promise.all(
        jobs.map(async (data) => (await dedupe.getJob(jobIdFor('dedupe', data.docId)))?.attemptsMade ?? 0),
      );
      assert.ok(
        failedOnce.some((attempts) => attempts >= 2),
        `some job was retried after the failed flush: ${failedOnce.join(',')}`,
      );
      const indexed = new Set((await upserts()).flatMap((job) => job.docIds));
      for (const data of jobs) assert.ok(indexed.has(data.docId), `${data.docId} reached the index queue`);
    } finally {
      await stage.close();
      await dedupe.obliterate({ force: true });
      await dedupe.close();
    }
  });
});
