// Issue 16: a JavaScript shell goes to the render queue only when rendering is on, and a page the
// renderer already rendered fails as js-shell instead of going round again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StageError, jobIds } from '@newsflow/contracts';
import type { CleanJob } from '@newsflow/contracts';
import { SHELL_PAGE } from '@newsflow/seeds';
import { handOnce, useTestQueues } from '@newsflow/testkit';
import { createCleanStage } from '../src/handle-clean.ts';
import { storeCleanJob } from './support/clean-job.ts';

const { redis, prefix, queues } = useTestQueues('clean-render');

const shellJob = (path: string): Promise<CleanJob> =>
  storeCleanJob(redis, prefix, `https://shell.example/${path}`, SHELL_PAGE);
const isJsShell = (error: unknown) => error instanceof StageError && error.reason === 'js-shell';

describe('clean stage and JavaScript shells', () => {
  test('with rendering on, a shell becomes one render job and its fetched page is deleted', async () => {
    const job = await shellJob('on');
    await handOnce(createCleanStage(redis, queues.dedupe, { render: true }), 'clean', job, queues);
    const queued = await queues.render.getJob(jobIds.render(job));
    assert.ok(queued, 'render job enqueued under its deterministic id');
    assert.equal(queued.data.finalUrl, job.finalUrl);
    assert.equal(await queues.dedupe.getJob(jobIds.dedupe(job)), undefined);
    assert.equal(await redis.exists(job.rawKey), 0);
  });

  test("a re-crawl of a shell is a render job of its own, carrying the re-crawl's step", async () => {
    const first = await shellJob('again');
    const stage = createCleanStage(redis, queues.dedupe, { render: true });
    await handOnce(stage, 'clean', first, queues);
    const again = { ...(await shellJob('again')), recrawl: 2 };
    await handOnce(stage, 'clean', again, queues);
    assert.notEqual(jobIds.render(again), jobIds.render(first), 'not deduplicated against the first render');
    const queued = await queues.render.getJob(jobIds.render(again));
    assert.equal(queued?.data.recrawl, 2);
  });

  test('with rendering off (the default), a shell fails as js-shell as before', async () => {
    const job = await shellJob('off');
    await assert.rejects(handOnce(createCleanStage(redis, queues.dedupe), 'clean', job, queues), isJsShell);
    assert.equal(await queues.render.getJob(jobIds.render(job)), undefined);
  });

  test('a rendered page that is still a shell fails as js-shell, never re-routed', async () => {
    const job = { ...(await shellJob('rendered')), rendered: true as const };
    const stage = createCleanStage(redis, queues.dedupe, { render: true });
    await assert.rejects(handOnce(stage, 'clean', job, queues), isJsShell);
    assert.equal(await queues.render.getJob(jobIds.render(job)), undefined);
  });
});
