import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  requestUrlOf,
  normalizeUrl,
  FetchJobSchema,
  encodeUpsertPayload,
  splitUpsertPayload,
  upsertJobIdFor,
  upsertRefOf,
  IndexJobSchema,
  QUEUE_NAMES,
  StageError,
  docIdFor,
  isPermanent,
  jobIdFor,
  nextQueue,
  reasonOf,
} from '@newsflow/contracts';

test('queues run in pipeline order and the last has no successor', () => {
  assert.deepEqual(QUEUE_NAMES, ['fetch', 'render', 'clean', 'dedupe', 'index']);
  assert.equal(nextQueue('render'), 'clean');
  assert.equal(nextQueue('index'), null);
});

test('ids are deterministic per URL and stage', () => {
  const id = docIdFor('https://example.com/a');
  assert.equal(id, docIdFor('https://example.com/a'));
  assert.notEqual(id, docIdFor('https://example.com/b'));
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.equal(jobIdFor('fetch', id), `fetch-${id}`);
});

test('a stage error carries its reason code as the message prefix, readable back from a failed job', () => {
  const error = new StageError('robots-disallowed', 'https://example.com/private is disallowed');
  assert.equal(reasonOf(error.message), 'robots-disallowed');
  assert.equal(reasonOf('something else broke'), 'unknown');
  assert.equal(reasonOf(undefined), 'unknown');
  assert.equal(isPermanent('robots-disallowed'), true);
  assert.equal(isPermanent('timeout'), false);
});

test('payload schemas refuse what a worker cannot process', () => {
  const valid = {
    url: 'https://example.com/a',
    docId: docIdFor('https://example.com/a'),
    submittedAt: new Date().toISOString(),
    source: { kind: 'api' },
  };
  assert.equal(FetchJobSchema.safeParse(valid).success, true);
  assert.equal(FetchJobSchema.safeParse({ ...valid, url: 'nope' }).success, false);
  assert.equal(FetchJobSchema.safeParse({ ...valid, submittedAt: 'yesterday' }).success, false);
  assert.equal(IndexJobSchema.safeParse({ kind: 'relabel', docIds: [], clusterId: 'c', mergeSeq: 1 }).success, false);
  assert.equal(IndexJobSchema.safeParse({ kind: 'upsert', payload: 'k', documents: [] }).success, false);
});

test('an upsert job id names its documents and their versions, whatever their order', () => {
  const [a, b] = [
    { docId: docIdFor('https://example.com/a'), version: 1 },
    { docId: docIdFor('https://example.com/b'), version: 1 },
  ];
  assert.equal(upsertJobIdFor([a, b]), upsertJobIdFor([b, a]));
  assert.notEqual(upsertJobIdFor([a, b]), upsertJobIdFor([a]));
  assert.notEqual(
    upsertJobIdFor([a, b]),
    upsertJobIdFor([a, { ...b, version: 2 }]),
    'a newer fetch is a new job, not a replay',
  );
  assert.equal(upsertJobIdFor([a]), `${jobIdFor('index', a.docId)}-v1`);
});

test('an upsert payload is one stored document per line, split back without decoding', () => {
  const documents = ['a', 'b'].map((path) => {
    const url = `https://example.com/${path}`;
    const now = '2026-11-21T10:00:00.000Z';
    return {
      url,
      docId: docIdFor(url),
      domain: 'example.com',
      finalUrl: url,
      fetchedAt: now,
      submittedAt: now,
      clusterId: 'c1',
      title: 'T',
      body: 'one\n\ntwo "quoted"\u2028',
      authors: [],
      tags: [],
      wordCount: 2,
      provenance: {},
      flags: { paywall: true, jsShell: false, blocked: false, notArticle: false },
    };
  });
  const lines = encodeUpsertPayload(documents);
  const split = splitUpsertPayload(Buffer.from(`${lines.join('\n')}\n`));
  assert.equal(split.length, 2);
  const first = JSON.parse(split[0]!.toString()) as Record<string, unknown>;
  assert.equal(first.body, documents[0]!.body);
  assert.deepEqual(first.flags, ['paywall']);
  assert.equal(first.storyKey, 'c1');
  assert.equal('indexedAt' in first, false, 'the indexer stamps it when sending');
  assert.deepEqual(upsertRefOf(documents[1]!), {
    docId: documents[1]!.docId,
    url: documents[1]!.url,
    version: Date.parse('2026-11-21T10:00:00.000Z'),
    submittedAt: '2026-11-21T10:00:00.000Z',
  });
  assert.equal(
    IndexJobSchema.safeParse({ kind: 'upsert', payload: 'k', documents: [upsertRefOf(documents[0]!)] }).success,
    true,
  );
  assert.equal(
    IndexJobSchema.safeParse({ kind: 'upsert', payload: '', documents: [upsertRefOf(documents[0]!)] }).success,
    false,
  );
});

test('the request keeps the URL as submitted (less its fragment) while the identity is normalised', () => {
  const submitted = 'https://Example.com/news/a/?b=2&a=1&utm_source=x#top';
  const identity = normalizeUrl(submitted);
  assert.equal(identity, 'https://example.com/news/a?a=1&b=2');
  assert.equal(requestUrlOf(submitted, identity), 'https://example.com/news/a/?b=2&a=1&utm_source=x');
  assert.equal(
    requestUrlOf('https://example.com/news/a', 'https://example.com/news/a'),
    undefined,
    'nothing to add when they agree',
  );
});
