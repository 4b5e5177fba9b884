import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { indexerHealthKey } from '@newsflow/search';
import { MAX_HELD_INDEX_JOBS, heldIndexJobs, indexConcurrency } from '../src/indexer.ts';
import { makeDocument, upsert, useHarness } from './support/harness.ts';

const LIMITS = { INDEX_BATCH_SIZE: 500, INDEX_MAX_IN_FLIGHT: 4, INDEX_OUTBOX_MAX_DOCS: 200 };

const jobOf = (documents: number) => ({ data: { kind: 'upsert', documents: Array.from({ length: documents }) } });

void describe('index jobs held by the documents they carry', () => {
  void it('holds indexConcurrency jobs of full outbox batches, more of small ones, never past the cap', () => {
    const held = heldIndexJobs(LIMITS);
    const least = indexConcurrency(LIMITS);
    assert.equal(held(jobOf(200)), least);
    let last = least;
    for (let i = 0; i < 100; i++) last = held(jobOf(5));
    assert.ok(last > 400 && last <= MAX_HELD_INDEX_JOBS, `about 2,500 documents in 5-document jobs: ${last}`);
    for (let i = 0; i < 200; i++) last = held(jobOf(1));
    assert.equal(last, MAX_HELD_INDEX_JOBS);
    for (let i = 0; i < 200; i++) last = held(jobOf(200));
    assert.equal(last, least, 'back to full batches: back to indexConcurrency');
  });

  const harness = useHarness({ env: { INDEX_BATCH_SIZE: '500', INDEX_FLUSH_MS: '1000' } });

  void it('a backlog of one-document jobs goes out in bulk requests of more documents than indexConcurrency', async () => {
    const h = harness();
    const jobs = 400;
    await h.queue.pause();
    for (let i = 0; i < jobs; i++) await h.add(upsert(makeDocument()));
    await h.queue.resume();
    assert.deepEqual(await h.settle(jobs, 60_000), { completed: jobs, failed: 0 });
    // the health hash takes the bulk counters once a second
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const health = await h.redis.hgetall(indexerHealthKey(h.queuePrefix));
    const perRequest = Number(health.bulkDocuments) / Number(health.bulkRequests);
    assert.equal(Number(health.bulkDocuments), jobs);
    assert.ok(
      perRequest > indexConcurrency(LIMITS),
      `${perRequest.toFixed(1)} documents per bulk request (${health.bulkRequests} requests)`,
    );
  });
});
