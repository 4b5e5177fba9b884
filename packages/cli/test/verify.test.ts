// `newsflow verify` against a real API on real Redis and Elasticsearch: each way a URL can end
// (indexed, failed, skipped, pending, lost, duplicated) made by hand on real BullMQ jobs and real
// documents, then counted from that state by GET /api/verify and printed by the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { RunLedger } from '@newsflow/contracts';
import { articleDocument } from '@newsflow/api/testing';
import { queuePrefix } from '@newsflow/runtime';
import { cliTestStack } from './cli-stack.ts';
import { runCli } from './run-cli.ts';
import type { VerifyReport } from '../src/commands/verify.ts';

const api = cliTestStack();

/** Takes the next waiting fetch job as a worker would, and hands it to `end`. */
async function takeNext(worker: Worker, end: (job: Job, token: string) => Promise<unknown>): Promise<Job> {
  const token = `t-${Math.random()}`;
  const job = (await worker.getNextJob(token)) as Job | undefined;
  assert.ok(job, 'a waiting fetch job');
  await end(job, token);
  return job;
}

async function ledgerFile(accepted: number): Promise<string> {
  const ledger: RunLedger = {
    version: 1,
    suite: 'verify-test',
    topology: 'single',
    startedAt: new Date().toISOString(),
    endedAt: new Date().toISOString(),
    urlsSubmitted: accepted,
    urlsAccepted: accepted,
    faults: [
      { kind: 'kill-worker', target: 'fetcher#1', at: new Date().toISOString(), durationMs: 0, recoveryMs: 1200 },
      { kind: 'kill-worker', target: 'cleaner#2', at: new Date().toISOString(), durationMs: 0, recoveryMs: 800 },
      { kind: 'es-down', target: 'es', at: new Date().toISOString(), durationMs: 60_000, recoveryMs: null },
    ],
    hostile: { tried: 3, passed: 3, failedCases: [] },
  };
  const file = join(tmpdir(), `ledger-${process.pid}-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(ledger));
  return file;
}

test('verify counts every accepted URL from real state; lost and duplicated make it fail', async () => {
  const urls = ['a', 'b', 'e', 'c', 'd'].map((name) => `https://news.example.org/verify/${name}`);
  const submitted = await api.stack.app.inject({ method: 'POST', url: '/api/urls', payload: urls });
  assert.equal(submitted.statusCode, 202);
  const [a, , , c] = (JSON.parse(submitted.body) as { accepted: Array<{ docId: string; url: string }> }).accepted;
  const worker = new Worker('fetch', null, {
    connection: api.stack.redis,
    prefix: queuePrefix(api.stack.config.NEWSFLOW_QUEUE_PREFIX, 'fetch'),
  });
  try {
    // a: fetched and indexed (and a copy of it under another id: a duplicate)
    await takeNext(worker, (job, token) => job.moveToCompleted('ok', token, false));
    await api.stack.indexDocuments([
      articleDocument(a!.url, { docId: a!.docId }),
      articleDocument(a!.url, { docId: 'zz-copy-of-a-000' }),
    ]);
    // b: failed for good with a reason; e: fetched, handed nothing on (skipped)
    await takeNext(worker, (job, token) =>
      job.moveToFailed(new UnrecoverableError('http-4xx: 404 Not Found'), token, false),
    );
    await takeNext(worker, (job, token) => job.moveToCompleted('ok', token, false));
    // c: its job vanished (lost); d: still waiting (pending)
    await api.stack.queues.fetch.remove(`fetch-${c!.docId}`);
  } finally {
    await worker.close();
  }

  const response = await api.stack.app.inject({ method: 'GET', url: '/api/verify' });
  assert.equal(response.statusCode, 200, response.body);
  const answer = JSON.parse(response.body) as Record<string, unknown>;
  assert.equal(answer.urlsIn, 5);
  assert.equal(answer.indexed, 1);
  assert.deepEqual(answer.failed, { 'fetch/http-4xx': 1 });
  assert.deepEqual(answer.skipped, { 'after fetch': 1 });
  assert.equal(answer.pending, 1);
  assert.equal(answer.lost, 1);
  assert.equal(answer.duplicated, 1);
  assert.equal(answer.outside, 0);
  assert.deepEqual((answer.samples as { lost: string[] }).lost, [c!.docId]);

  const ledger = await ledgerFile(5);
  const text = await runCli(['verify', '--ledger', ledger], api.env);
  assert.equal(text.code, 7, text.stderr);
  assert.match(text.stdout, /^URLs in\s+5 \(suites were answered 202 for 5\)$/m);
  assert.match(text.stdout, /^lost\s+1 \(must be 0\)$/m);
  assert.match(text.stdout, /^duplicated\s+1 \(must be 0\)$/m);
  assert.match(text.stdout, /^ {2}fetch\/http-4xx\s+1$/m);
  assert.match(text.stdout, /^faults injected\s+kill-worker 2, es-down 1$/m);
  assert.match(text.stdout, /^hostile cases\s+3 passed of 3 tried$/m);
  assert.match(text.stdout, /NOT verified/);

  // a suite answered 202 for more URLs than the intake ledger holds: those count as lost too
  const json = await runCli(['verify', '--json', '--ledger', await ledgerFile(7)], api.env);
  const report = JSON.parse(json.stdout) as VerifyReport;
  assert.equal(report.missingFromIntake, 2);
  assert.equal(report.lost, 3);
  assert.equal(report.ok, false);
});

test('verify refuses a file that is not a run ledger (exit 2)', async () => {
  const file = join(tmpdir(), `not-a-ledger-${process.pid}.json`);
  await writeFile(file, JSON.stringify({ version: 2 }));
  const run = await runCli(['verify', '--ledger', file], api.env);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /is not a run ledger/);
});
