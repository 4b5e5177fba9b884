// `newsflow warc FILE` as a subprocess against a real API (real Redis and Elasticsearch).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { articleHtml, makeTruncatedWarc, makeWarc } from '@newsflow/warc/testing';
import type { TestRecord } from '@newsflow/warc/testing';
import { runCli } from './run-cli.ts';

let stack: TestStack;
let env: Record<string, string>;
const file = (name: string) => join(tmpdir(), `newsflow-cli-${process.pid}-${name}`);
const RECORDS: TestRecord[] = ['one', 'two', 'three'].map((slug, index) => ({
  url: `https://cli.example/2024/02/0${index + 1}/${slug}`,
  date: `2024-02-0${index + 1}T10:00:00Z`,
  body: articleHtml(`Story ${slug}`, slug),
}));

before(async () => {
  stack = await startTestStack();
  env = { NEWSFLOW_API_URL: await stack.listen() };
  await writeFile(file('good.warc.gz'), await makeWarc(RECORDS, true));
  await writeFile(
    file('cut.warc'),
    await makeTruncatedWarc(
      RECORDS.map((r) => ({ ...r, url: `${r.url}-cut` })),
      false,
    ),
  );
});
after(() => stack.close());

const cleanJobs = async () => (await stack.queues.clean.getJobCounts('waiting')).waiting ?? 0;

test('warc FILE uploads the archive, prints what was kept, and a second run keeps nothing', async () => {
  const run = await runCli(['warc', file('good.warc.gz'), '--host', 'cli.example'], env);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /upload done: read 3, kept 3, skipped 0, \d+ records\/s, [\d.]+ MB\/s/);
  assert.equal(await cleanJobs(), 3);
  const again = await runCli(['warc', file('good.warc.gz')], env);
  assert.match(again.stdout, /kept 0, skipped 3 \(already-queued 3\)/);
  assert.equal(await cleanJobs(), 3);
  const filtered = await runCli(['warc', file('good.warc.gz'), '--pattern', '*/2023/*', '--json'], env);
  assert.deepEqual((JSON.parse(filtered.stdout) as { skipped: unknown }).skipped, { 'url-pattern': 3 });
});

test('a truncated archive exits 5 with the reason, after keeping the records before the cut', async () => {
  const run = await runCli(['warc', file('cut.warc')], env);
  assert.equal(run.code, 5);
  assert.match(run.stdout, /upload failed: read 2, kept 2/);
  assert.match(
    run.stderr,
    /cut\.warc: WarcFormatError: record of https:\/\/cli\.example\/2024\/02\/03\/three-cut is cut short/,
  );
  assert.equal(await cleanJobs(), 5);
  assert.equal((await runCli(['warc', file('missing.warc')], env)).code, 2);
});
