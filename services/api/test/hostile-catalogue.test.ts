// Runs the intake, search, auth and pages sections of the hostile-input catalogue (@newsflow/testkit)
// over real HTTP against real API servers on real Redis and Elasticsearch, with its hostile documents
// indexed: one server on loopback without credentials, one guarded by a token and basic credentials.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { docIdFor, normalizeUrl } from '@newsflow/contracts';
import { startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { HOSTILE_CATALOGUE, HOSTILE_DOCUMENTS, HOSTILE_STORY, hostileLedger } from '@newsflow/testkit';
import type { HttpCase } from '@newsflow/testkit';
import { documentOf, send } from './support/hostile-http.ts';

const TOKEN = 'hostile-token-0123456789abcdef';
const BASIC = 'editor:correct horse battery';
const base64 = (text: string): string => Buffer.from(text).toString('base64');
const PLACEHOLDERS: Record<string, string> = {
  '{token}': TOKEN,
  '{token-flipped}': `${TOKEN.slice(0, -1)}0`,
  '{token-prefix}': TOKEN.slice(0, -1),
  '{token-upper}': TOKEN.toUpperCase(),
  '{basic}': base64(BASIC),
  '{basic-wrong}': base64('editor:correct horse batterx'),
  '{story}': HOSTILE_STORY,
  ...Object.fromEntries(HOSTILE_DOCUMENTS.map((doc) => [`{doc:${doc.key}}`, docIdFor(normalizeUrl(doc.url))])),
};
const fill = (text: string): string =>
  text.replace(/\{[\w:-]+\}/g, (name) => (name === '{host}' ? name : (PLACEHOLDERS[name] ?? name)));

const ledger = hostileLedger('http');
const stacks: Partial<Record<HttpCase['server'], TestStack>> = {};

before(async () => {
  stacks.open = await startTestStack();
  stacks.guarded = await startTestStack({ API_TOKEN: TOKEN, API_BASIC_AUTH: BASIC, API_HOST: '0.0.0.0' });
  await Promise.all([stacks.open.listen(), stacks.guarded.listen()]);
  const documents = HOSTILE_DOCUMENTS.map((doc) => documentOf(doc, HOSTILE_STORY));
  await stacks.open.indexDocuments(documents);
});
after(async () => {
  await ledger.write();
  await stacks.open?.close();
  await stacks.guarded?.close();
});

async function jobsIn(stack: TestStack): Promise<number> {
  return Object.values(await stack.queues.fetch.getJobCounts()).reduce((sum, count) => sum + count, 0);
}

async function runCase(hostile: HttpCase): Promise<void> {
  const stack = stacks[hostile.server]!;
  const before = await jobsIn(stack);
  const answer = await send(stack.url, hostile, fill);
  const { expect } = hostile;
  const seen = `${answer.status} ${answer.body.slice(0, 300)}`;
  assert.equal(answer.status, expect.status, seen);
  if (expect.body) assert.match(answer.body, new RegExp(expect.body), seen);
  if (expect.notBody) assert.doesNotMatch(answer.body, new RegExp(expect.notBody), seen);
  for (const [name, pattern] of Object.entries(expect.headers ?? {}))
    assert.match(answer.headers[name] ?? '', new RegExp(pattern), `header ${name}`);
  if (expect.queued !== undefined) assert.equal((await jobsIn(stack)) - before, expect.queued, 'fetch jobs added');
  if (expect.withinMs !== undefined) assert.ok(answer.ms <= expect.withinMs, `answered in ${answer.ms} ms`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
}

for (const surface of ['intake', 'search', 'auth', 'pages'] as const)
  for (const hostile of HOSTILE_CATALOGUE[surface])
    void test(`hostile ${surface}: ${hostile.name} → ${hostile.expect.status}`, () =>
      ledger.track(`${surface}: ${hostile.name}`, () => runCase(hostile)));

void test('the HTTP sections hold every name once', () => {
  const names = (['intake', 'search', 'auth', 'pages'] as const).flatMap((surface) =>
    HOSTILE_CATALOGUE[surface].map((hostile) => `${surface}: ${hostile.name}`),
  );
  assert.equal(new Set(names).size, names.length);
});
