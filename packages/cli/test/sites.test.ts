// `newsflow site` and `newsflow sources` as subprocesses against a real API (real Redis and Elasticsearch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliTestStack } from './cli-stack.ts';
import { runCli } from './run-cli.ts';

const api = cliTestStack();

test('site queues a discovery job for the home page', async () => {
  const run = await runCli(['site', 'https://news.example/'], api.env);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^queued site discovery of https:\/\/news\.example\/ \(job site-[0-9a-f]+-\d+\)$/m);
  const jobs = await api.stack.queues.fetch.getJobs(['waiting']);
  assert.deepEqual(
    jobs.map((job) => [job.name, job.data.url]),
    [['site', 'https://news.example/']],
  );
  assert.equal((await runCli(['site', 'ftp://news.example/'], api.env)).code, 5);
});

test('sources lists what is polled adaptively, --retired only the dead ones', async () => {
  assert.match((await runCli(['sources'], api.env)).stdout, /No polled sources/);
  const added = await api.stack.app.inject({
    method: 'POST',
    url: '/api/sources',
    payload: { kind: 'feed', url: 'https://news.example/rss.xml' },
  });
  assert.equal(added.statusCode, 202);
  const list = await runCli(['sources'], api.env);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^feed +every 300 s +0 polls, last \+0 {2}https:\/\/news\.example\/rss\.xml {2}next /m);
  assert.match((await runCli(['sources', '--retired'], api.env)).stdout, /No retired sources/);
  const json = JSON.parse((await runCli(['sources', '--json'], api.env)).stdout) as {
    sources: Array<{ state: string }>;
  };
  assert.deepEqual(
    json.sources.map((source) => source.state),
    ['active'],
  );
});
