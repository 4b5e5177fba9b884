// Issue 11 finding 4: a page title full of terminal control sequences reaches the screen as
// visible escapes, never as instructions, through every command that prints server data.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { articleDocument, startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { runCli } from './run-cli.ts';

const ESC = '\u001b';
const HOSTILE_TITLE =
  `Quarterly ${ESC}]0;owned window${'\u0007'}harbour ${ESC}[2J${ESC}[31mreport ` +
  `${ESC}]8;;https://evil.example/${ESC}\\click me${ESC}]8;;${ESC}\\ \u202Eexe.txt\u202C \u009B32m done\r\nfake line`;
// Anything a terminal would act on: C0 (except the newline ending lines), DEL, C1, bidi controls.
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let stack: TestStack;
let env: Record<string, string>;
const clusterId = 'story-hostile-title';

before(async () => {
  stack = await startTestStack();
  env = { NEWSFLOW_API_URL: await stack.listen() };
  await stack.indexDocuments([
    articleDocument('https://hostile.example/title', { title: HOSTILE_TITLE, body: 'Harbour text.', clusterId }),
  ]);
});
after(() => stack.close());

for (const args of [
  ['search', 'harbour'],
  ['search', 'quarterly', '--flat'],
  ['story', clusterId],
]) {
  void test(`"newsflow ${args.join(' ')}" prints the hostile title as visible escapes`, async () => {
    const run = await runCli(args, env);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stdout, OBEYED);
    assert.match(run.stdout, /\\x1b\]0;owned window\\x07/);
    assert.match(run.stdout, /\\u202eexe\.txt/);
    assert.match(run.stdout, /\\x0d\\x0afake line/, 'a newline in a title cannot fake an output line');
  });
}

void test('--json keeps the title exact, with DEL, C1 and bidi characters as JSON escapes', async () => {
  const run = await runCli(['search', 'harbour', '--json'], env);
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stdout, OBEYED);
  const parsed = JSON.parse(run.stdout) as { groups: Array<{ top: { article: { title: string } } }> };
  assert.equal(parsed.groups[0]?.top.article.title, HOSTILE_TITLE);
});
