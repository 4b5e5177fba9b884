// GET /api/verify on the index end of the chain, from real BullMQ jobs: a document whose upsert job
// failed counts under that job's reason; one that left dedupe with no upsert job is pending while the
// index queue still has work, and lost once the queue is idle.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { jobIdFor } from '@newsflow/contracts';
import { intakeLedger } from '../src/verify/intake-ledger.ts';
import { endJob, json } from './helpers.ts';

let stack: TestStack;
before(async () => {
  stack = await startTestStack();
});
after(() => stack.close());

/** The document's fetch, clean and dedupe jobs, each completed. */
async function throughDedupe(docId: string): Promise<void> {
  for (const queue of ['fetch', 'clean', 'dedupe'] as const)
    await endJob(stack, queue, jobIdFor(queue, docId), { docId });
}

async function verify(docIds: string[]): Promise<Record<string, unknown>> {
  await intakeLedger(stack.redis, stack.config.NEWSFLOW_QUEUE_PREFIX).record(docIds);
  const response = await stack.app.inject({ method: 'GET', url: '/api/verify' });
  assert.equal(response.statusCode, 200, response.body);
  return json(response.body);
}

test('verify reads the index queue through BullMQ: failed upserts by reason, pending while busy, then lost', async () => {
  const [failed, waiting] = ['verify-index-failed-0001', 'verify-index-waiting-0001'];
  await throughDedupe(failed);
  await throughDedupe(waiting);
  const upsert = { kind: 'upsert', payload: 'none', documents: [{ docId: failed }] };
  await endJob(stack, 'index', 'index-upsert-failed', upsert, { failWith: 'es-rejected: mapping conflict' });
  await stack.queues.index.add('index', { kind: 'relabel', docIds: ['someone-else'], clusterId: 'c', mergeSeq: 1 });

  const busy = await verify([failed, waiting]);
  assert.deepEqual(busy.failed, { 'index/es-rejected': 1 });
  assert.equal(busy.pending, 1);
  assert.equal(busy.lost, 0);

  await stack.queues.index.drain();
  const idle = await verify([failed, waiting]);
  assert.deepEqual(idle.failed, { 'index/es-rejected': 1 });
  assert.equal(idle.pending, 0);
  assert.equal(idle.lost, 1);
});
