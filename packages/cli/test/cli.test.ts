// The real `newsflow` CLI as a subprocess against a real API server (real Redis and Elasticsearch).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedStoryDocuments, startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { runCli } from './run-cli.ts';

let stack: TestStack;
let env: Record<string, string>;
const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

before(async () => {
  stack = await startTestStack();
  env = { NEWSFLOW_API_URL: await stack.listen() };
  await stack.indexDocuments(seedStoryDocuments('story-seed'));
});
after(() => stack.close());

const waiting = async () => (await stack.queues.fetch.getJobCounts('waiting')).waiting ?? 0;

test('--help lists every command, the environment and the exit codes', async () => {
  const run = await runCli(['--help']);
  assert.equal(run.code, 0);
  for (const command of [
    'add',
    'feed',
    'sitemap',
    'search',
    'story',
    'stories',
    'status',
    'failed',
    'retry',
    'reindex',
  ])
    assert.match(run.stdout, new RegExp(`^  ${command} `, 'm'));
  assert.match(run.stdout, /Exit codes:[\s\S]*5 {2}input rejected/);
  assert.match(run.stdout, /NEWSFLOW_API_TOKEN/);
});

test('usage errors exit 2 with a hint', async () => {
  const unknown = await runCli(['search', '--bogus', 'x']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown option '--bogus'/);
  assert.equal((await runCli(['retry'], env)).code, 2);
});

test('add submits URLs and prints a summary; rejects make the exit code 5', async () => {
  const before = await waiting();
  const ok = await runCli(['add', 'https://example.com/cli/1', 'https://example.com/cli/2'], env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), '2 accepted, 0 rejected');
  assert.doesNotMatch(ok.stdout, ANSI, 'no colours when not on a terminal');
  assert.equal(await waiting(), before + 2);
  const file = join(tmpdir(), `newsflow-cli-${process.pid}.txt`);
  await writeFile(file, '# list\nhttps://example.com/cli/3\nftp://example.com/nope\n');
  const mixed = await runCli(['add', '--file', file], env);
  assert.equal(mixed.code, 5);
  assert.match(mixed.stdout, /1 accepted, 1 rejected/);
  assert.match(mixed.stderr, /rejected ftp:\/\/example\.com\/nope: unsupported scheme "ftp"/);
  const none = await runCli(['add', '--file', '-', '--json'], env, 'https://user:pw@example.com/x\n');
  assert.equal(none.code, 5);
  assert.equal((JSON.parse(none.stdout) as { rejected: unknown[] }).rejected.length, 1);
  assert.equal(await waiting(), before + 3);
});

test('search prints stories with their copies, or the API answer with --json', async () => {
  const table = await runCli(['search', 'Kremlin', 'Putin'], env);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^1\. Kremlin Says Biden and Putin/m);
  assert.match(table.stdout, /story story-seed · 2 articles · /);
  assert.match(table.stdout, /Voice of America/);
  assert.match(table.stdout, /Cambodian Times/);
  assert.doesNotMatch(table.stdout, /<mark>/);
  assert.doesNotMatch(table.stdout, ANSI);
  const json = await runCli(['search', 'Kremlin', '--json'], env);
  const result = JSON.parse(json.stdout) as { totalGroups: number; groups: Array<{ copies: unknown[] }> };
  assert.equal(result.totalGroups, 1);
  assert.equal(result.groups[0]?.copies.length, 1);
});

test('story shows the timeline; an unknown story exits 6', async () => {
  const story = await runCli(['story', 'story-seed'], env);
  assert.equal(story.code, 0, story.stderr);
  assert.match(story.stdout, /2 articles in story story-seed/);
  assert.match(story.stdout, /published \(UTC\)/);
  assert.match(story.stdout, /first seen \d{4}-\d\d-\d\d \d\d:\d\d · last updated /);
  assert.match(
    story.stdout,
    /outlets: (Voice of America \(1\), Cambodian Times \(1\)|Cambodian Times \(1\), Voice of America \(1\))/,
  );
  const missing = await runCli(['story', 'no-such-story'], env);
  assert.equal(missing.code, 6);
  assert.match(missing.stderr, /no story no-such-story/);
});

test('stories lists the stories that grew since a time; a bad page is a usage error', async () => {
  const since = new Date(Date.now() - 3_600_000).toISOString();
  const recent = await runCli(['stories', '--since', since], env);
  assert.equal(recent.code, 0, recent.stderr);
  assert.match(recent.stdout, /^\S+ \S+ +\+2 +2 \/ 2 +Kremlin Says Biden and Putin.* story-seed$/m);
  assert.match(recent.stdout, /1 story grew · page 1/);
  const later = await runCli(['stories', '--since', new Date(Date.now() + 60_000).toISOString()], env);
  assert.match(later.stdout, /No story grew in that time/);
  assert.equal((await runCli(['stories', '--page', '0'], env)).code, 2);
});

test('status prints queue counts, --json the stats, --watch refreshes', async () => {
  const json = JSON.parse((await runCli(['status', '--json'], env)).stdout) as { queues: Array<{ name: string }> };
  assert.deepEqual(
    json.queues.map((queue) => queue.name),
    ['fetch', 'render', 'clean', 'dedupe', 'index'],
  );
  const watch = await runCli(['status', '--watch', '--interval', '0.5', '--iterations', '2'], env);
  assert.equal(watch.code, 0, watch.stderr);
  assert.equal(watch.stdout.match(/^queue +waiting +active/gm)?.length, 2);
  assert.match(watch.stdout, /^fetch +\d+/m);
});

test('failed, retry and reindex talk to their routes', async () => {
  assert.match((await runCli(['failed'], env)).stdout, /No failed jobs/);
  assert.deepEqual(JSON.parse((await runCli(['failed', '--json', '--queue', 'fetch'], env)).stdout), {
    counts: [],
    jobs: [],
    truncated: false,
  });
  const retry = await runCli(['retry', '--all'], env);
  assert.equal(retry.code, 0);
  assert.match(retry.stdout, /0 jobs moved back to waiting/);
  const reindex = await runCli(['reindex'], env);
  assert.equal(reindex.code, 0, reindex.stderr);
  const [, from, to] = /reindexed 2 documents from \S+-v(\d+) to \S+-v(\d+)/.exec(reindex.stdout) ?? [];
  assert.equal(Number(to), Number(from) + 1, reindex.stdout);
  const repair = JSON.parse((await runCli(['reindex', '--json', 'abcdef0123456789'], env)).stdout) as {
    queued: number;
  };
  assert.equal(repair.queued, 0);
  const feed = await runCli(['feed', 'https://example.com/rss.xml'], env);
  assert.equal(feed.code, 0, feed.stderr);
  assert.match(feed.stdout, /queued feed https:\/\/example\.com\/rss\.xml \(once\)/);
});

test('an unreachable API exits 3; refused credentials exit 4', async () => {
  const down = await runCli(['status', '--api', 'http://127.0.0.1:9'], env);
  assert.equal(down.code, 3);
  assert.match(down.stderr, /cannot reach the API at http:\/\/127\.0\.0\.1:9/);
  const secured = await startTestStack({ API_TOKEN: 'cli-test-token-0123456789' });
  try {
    const url = await secured.listen();
    assert.equal((await runCli(['status'], { NEWSFLOW_API_URL: url })).code, 4);
    assert.equal(
      (await runCli(['status'], { NEWSFLOW_API_URL: url, NEWSFLOW_API_TOKEN: 'cli-test-token-0123456789' })).code,
      0,
    );
  } finally {
    await secured.close();
  }
});
