import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestUrlOf, normalizeUrl, FetchJobSchema, batchJobIdFor, IndexJobSchema, QUEUE_NAMES, StageError, docIdFor, isPermanent, jobIdFor, nextQueue, reasonOf } from '@newsflow/contracts';

test('queues run in pipeline order and the last has no successor', () => {
  assert.deepEqual(QUEUE_NAMES, ['fetch', 'clean', 'dedupe', 'index']);
  assert.equal(nextQueue('fetch'), 'clean');
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
  const valid = { url: 'https://example.com/a', docId: docIdFor('https://example.com/a'), submittedAt: new Date().toISOString(), source: { kind: 'api' } };
  assert.equal(FetchJobSchema.safeParse(valid).success, true);
  assert.equal(FetchJobSchema.safeParse({ ...valid, url: 'nope' }).success, false);
  assert.equal(FetchJobSchema.safeParse({ ...valid, submittedAt: 'yesterday' }).success, false);
  assert.equal(IndexJobSchema.safeParse({ kind: 'relabel', docIds: [], clusterId: 'c', mergeSeq: 1 }).success, false);
  assert.equal(IndexJobSchema.safeParse({ kind: 'upsert', documents: [] }).success, false);
});

test('a batch job id names its set of documents, whatever their order', () => {
  const [a, b] = [docIdFor('https://example.com/a'), docIdFor('https://example.com/b')];
  assert.equal(batchJobIdFor('index', [a, b]), batchJobIdFor('index', [b, a]));
  assert.notEqual(batchJobIdFor('index', [a, b]), batchJobIdFor('index', [a]));
  assert.equal(batchJobIdFor('index', [a]), jobIdFor('index', a));
});

test('the request keeps the URL as submitted (less its fragment) while the identity is normalised', () => {
  const submitted = 'https://Example.com/news/a/?b=2&a=1&utm_source=x#top';
  const identity = normalizeUrl(submitted);
  assert.equal(identity, 'https://example.com/news/a?a=1&b=2');
  assert.equal(requestUrlOf(submitted, identity), 'https://example.com/news/a/?b=2&a=1&utm_source=x');
  assert.equal(requestUrlOf('https://example.com/news/a', 'https://example.com/news/a'), undefined, 'nothing to add when they agree');
});
