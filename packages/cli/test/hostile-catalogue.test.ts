// Runs the cli section of the hostile-input catalogue (@newsflow/testkit): the real CLI, as a child
// process, against a real API on Redis and Elasticsearch holding the catalogue's hostile documents.
// Whatever a page put in a title or an outlet name reaches the terminal as visible escapes only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { articleDocument, startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { HOSTILE_CATALOGUE, HOSTILE_DOCUMENTS, HOSTILE_STORY, hostileLedger } from '@newsflow/testkit';
import { runCli } from './run-cli.ts';

// Anything a terminal would act on or hide: C0 (except the newline ending lines), DEL, C1, bidi
// controls, invisible tag characters and interlinear annotations.
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\u{e0000}-\u{e007f}]/u;

const ledger = hostileLedger('cli');
let stack: TestStack;
let env: Record<string, string>;

before(async () => {
  stack = await startTestStack();
  env = { NEWSFLOW_API_URL: await stack.listen() };
  // The 1.2M-character article is for the search pages; the CLI prints titles, outlets and URLs.
  const documents = HOSTILE_DOCUMENTS.filter((doc) => typeof doc.body === 'string').map((doc) =>
    articleDocument(doc.url, {
      title: doc.title,
      siteName: doc.siteName,
      authors: [...doc.authors],
      body: doc.body as string,
      wordCount: 100,
      clusterId: HOSTILE_STORY,
      ...(doc.storedUrl ? { url: doc.storedUrl, finalUrl: doc.storedUrl } : {}),
    }),
  );
  await stack.indexDocuments(documents);
});
after(async () => {
  await ledger.write();
  await stack.close();
});

for (const hostile of HOSTILE_CATALOGUE.cli) {
  const args = hostile.args.map((arg) => arg.replaceAll('{story}', HOSTILE_STORY));
  void test(`hostile cli: ${hostile.name} ("newsflow ${args.join(' ')}")`, () =>
    ledger.track(hostile.name, async () => {
      const run = await runCli(args, env);
      assert.equal(run.code, hostile.exitCode ?? 0, run.stderr);
      assert.doesNotMatch(run.stdout, OBEYED);
      assert.doesNotMatch(run.stderr, OBEYED);
      assert.match(`${run.stdout}${run.stderr}`, new RegExp(hostile.shows));
    }));
}
