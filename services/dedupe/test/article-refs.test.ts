// Articles handed to dedupe by reference, on real Redis: the article stays while its job is not
// completed (a replay after a crash finds it), goes once the job has completed, and a job whose
// article is gone fails once with its reason.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jobIds, redisKeys } from '@newsflow/contracts';
import type { DedupeJob } from '@newsflow/contracts';
import { enqueueUpsert, storeArticle } from '@newsflow/runtime';
import { handOnce, makeArticleDocument, useTestQueues, waitFor } from '@newsflow/testkit';
import { dedupeDefinition, runDedupeStage } from './support/dedupe-stage.ts';

const { redis, prefix, queues } = useTestQueues('dedupe-refs');
const { stage, outbox } = runDedupeStage(redis, prefix, (documents) => enqueueUpsert(queues.index, redis, documents), {
  concurrency: 1,
  flushMs: 20,
});
after(async () => {
  await stage.close();
  await outbox.flush();
});

/** A dedupe job naming its article by key, as the cleaner hands it on; `stored` false leaves the key empty. */
async function jobByReference(stored: boolean): Promise<DedupeJob> {
  const { clusterId: _decided, docId, domain, finalUrl, fetchedAt, submittedAt, ...article } = makeArticleDocument();
  const meta = { docId, domain, finalUrl, fetchedAt, submittedAt };
  const articleKey = redisKeys(prefix).article(jobIds.dedupe(meta));
  if (stored) await storeArticle(redis, articleKey, article);
  return { ...meta, articleKey };
}

async function finished(job: DedupeJob): Promise<string> {
  const id = jobIds.dedupe(job);
  await queues.dedupe.add('dedupe', job, { jobId: id, attempts: 3 });
  return waitFor(`dedupe job ${id} finished`, async () => {
    const state = await queues.dedupe.getJobState(id);
    return state === 'completed' || state === 'failed' ? state : undefined;
  });
}

describe('articles by reference', () => {
  it('keeps the article once the handler has handed the document on: a replay of an uncompleted job finds it', async () => {
    const job = await jobByReference(true);
    const handed: unknown[] = [];
    await handOnce(dedupeDefinition(redis, prefix), 'dedupe', job, queues, {
      upsert: async (documents) => void handed.push(...documents),
    });
    assert.equal(handed.length, 1);
    assert.equal(await redis.exists(job.articleKey!), 1);
  });

  it('keeps the article until its dedupe job has completed, then deletes it', async () => {
    const job = await jobByReference(true);
    assert.equal(await finished(job), 'completed');
    const upserts = await queues.index.getJobs(['waiting', 'active', 'completed']);
    assert.ok(
      upserts.some((upsert) => JSON.stringify(upsert.data).includes(job.docId)),
      'an upsert carries the document',
    );
    await waitFor('article deleted', async () => ((await redis.exists(job.articleKey!)) === 0 ? true : undefined));
  });

  it('fails a job whose article is gone once, as payload-missing', async () => {
    const job = await jobByReference(false);
    assert.equal(await finished(job), 'failed');
    const failed = await queues.dedupe.getJob(jobIds.dedupe(job));
    assert.match(failed?.failedReason ?? '', /^payload-missing/);
    assert.equal(failed?.attemptsMade, 1, 'permanent: not retried');
  });
});
