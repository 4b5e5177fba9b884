// POST /api/urls against real Redis: accepted URLs are enqueued once, every reject is a clear 4xx and enqueues nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { docIdFor } from '@newsflow/contracts';
import { failFetchJob, json, queued } from './helpers.ts';

let stack: TestStack;
before(async () => {
  stack = await startTestStack({ API_MAX_URLS: '1000', API_BODY_LIMIT_BYTES: String(1024 * 1024) });
});
after(() => stack.close());

const post = (payload: string, contentType = 'application/json') =>
  stack.app.inject({ method: 'POST', url: '/api/urls', headers: { 'content-type': contentType }, payload });

test('a JSON list is normalised, de-duplicated and enqueued under deterministic ids', async () => {
  const before = await queued(stack, 'fetch');
  const response = await post(
    JSON.stringify(['https://Example.com/a?utm_source=x', 'https://example.com/a', 'https://example.com/b#top']),
  );
  assert.equal(response.statusCode, 202);
  const body = json(response.body) as { accepted: Array<{ url: string; docId: string }>; rejected: unknown[] };
  assert.deepEqual(
    body.accepted.map((entry) => entry.url),
    ['https://example.com/a', 'https://example.com/b'],
  );
  assert.equal(await queued(stack, 'fetch'), before + 2);
  const job = await stack.queues.fetch.getJob(`fetch-${body.accepted[0]?.docId}`);
  assert.equal(job?.data.url, 'https://example.com/a');
  await post(JSON.stringify(['https://example.com/a']));
  assert.equal(await queued(stack, 'fetch'), before + 2, 'a resubmitted URL is a no-op');
});

test('newline text and {"urls": [...]} are accepted too; blank and # lines are skipped', async () => {
  const text = await post('https://example.org/one\n\n# a comment\nhttps://example.org/two\r\n', 'text/plain');
  assert.equal(text.statusCode, 202);
  assert.equal((json(text.body).accepted as unknown[]).length, 2);
  const wrapped = await post(JSON.stringify({ urls: ['https://example.org/three'] }));
  assert.equal(wrapped.statusCode, 202);
});

test('malformed JSON is a 400 that says so, and nothing is enqueued', async () => {
  const before = await queued(stack, 'fetch');
  const response = await post('["https://example.net/x",');
  assert.equal(response.statusCode, 400);
  assert.match(json(response.body).message as string, /malformed JSON/);
  assert.equal(await queued(stack, 'fetch'), before);
});

test('10,000 URLs in one request are refused with the limit named, nothing enqueued', async () => {
  const before = await queued(stack, 'fetch');
  const urls = Array.from({ length: 10_000 }, (_, index) => `https://example.net/many/${index}`);
  const response = await post(JSON.stringify(urls));
  assert.equal(response.statusCode, 413);
  assert.match(json(response.body).message as string, /too many URLs: 10000 > 1000/);
  assert.equal(await queued(stack, 'fetch'), before);
});

test('URLs with credentials and unsupported schemes are rejected one by one with the reason', async () => {
  const before = await queued(stack, 'fetch');
  const response = await post(
    JSON.stringify([
      'https://user:secret@example.net/private',
      'ftp://example.net/file',
      'javascript:alert(1)',
      'example.net/no-scheme',
    ]),
  );
  assert.equal(response.statusCode, 400);
  const body = json(response.body) as { message: string; rejected: Array<{ input: string; error: string }> };
  assert.equal(body.message, 'no valid URL given');
  assert.match(body.rejected[0]?.error ?? '', /credentials/);
  assert.match(body.rejected[1]?.error ?? '', /unsupported scheme "ftp"/);
  assert.match(body.rejected[2]?.error ?? '', /unsupported scheme "javascript"/);
  assert.match(body.rejected[3]?.error ?? '', /not a URL/);
  assert.equal(await queued(stack, 'fetch'), before);
});

test('a mixed batch enqueues only the valid URLs and lists the rejects', async () => {
  const before = await queued(stack, 'fetch');
  const response = await post(
    JSON.stringify(['https://example.net/fine', 'file:///etc/passwd', 'https://example.net/a\nhttps://example.net/b']),
  );
  assert.equal(response.statusCode, 202);
  const body = json(response.body) as { accepted: unknown[]; rejected: Array<{ error: string }> };
  assert.equal(body.accepted.length, 1);
  assert.equal(body.rejected.length, 2);
  assert.match(body.rejected[1]?.error ?? '', /whitespace/, 'two URLs glued by a newline are not parsed as one');
  assert.equal(await queued(stack, 'fetch'), before + 1);
});

test('an oversized body is a 413 naming the limit; wrong shapes and types are 4xx', async () => {
  const before = await queued(stack, 'fetch');
  const huge = await post(JSON.stringify(['https://example.net/' + 'x'.repeat(2 * 1024 * 1024)]));
  assert.equal(huge.statusCode, 413);
  assert.match(json(huge.body).message as string, /larger than 1048576 bytes/);
  const empty = await post('[]');
  assert.equal(empty.statusCode, 400);
  const shape = await post(JSON.stringify({ links: ['https://example.net/'] }));
  assert.equal(shape.statusCode, 400);
  const numbers = await post(JSON.stringify([1, 2]));
  assert.equal(numbers.statusCode, 400);
  const xml = await post('<urls/>', 'application/xml');
  assert.equal(xml.statusCode, 415);
  assert.equal(await queued(stack, 'fetch'), before);
});

test('each accepted URL says whether it was queued, already known, or retried after a failure', async () => {
  const url = 'https://example.net/failed-once';
  const docId = docIdFor(url);
  await failFetchJob(stack, docId, 'http-5xx: HTTP 503 from https://example.net/failed-once');
  assert.equal(await stack.queues.fetch.getJobState(`fetch-${docId}`), 'failed');
  const response = await post(JSON.stringify([url, 'https://example.net/brand-new']));
  const body = json(response.body) as { accepted: Array<{ docId: string; status: string }> };
  assert.deepEqual(
    body.accepted.map((entry) => entry.status),
    ['retried', 'queued'],
  );
  assert.equal(
    await stack.queues.fetch.getJobState(`fetch-${docId}`),
    'waiting',
    'the failed job is back in the queue',
  );
  const again = json((await post(JSON.stringify(['https://example.net/brand-new']))).body) as {
    accepted: Array<{ status: string }>;
  };
  assert.equal(again.accepted[0]?.status, 'known');
});

test('the 8,192-character URL limit holds for every body form (one-element list, object, text)', async () => {
  const long = `https://example.com/${'a'.repeat(8200)}`;
  const before = await queued(stack, 'fetch');
  for (const [payload, type] of [
    [JSON.stringify([long]), 'application/json'],
    [JSON.stringify({ urls: [long] }), 'application/json'],
    [`${long}\n`, 'text/plain'],
  ] as const) {
    const response = await post(payload, type);
    assert.equal(response.statusCode, 400, `${type} ${payload.slice(0, 12)}`);
    assert.match(response.body, /longer than 8192 characters|must NOT have more than 8192 characters/);
  }
  assert.equal(await queued(stack, 'fetch'), before, 'nothing was enqueued');
  const fits = await post(JSON.stringify([`https://example.com/${'b'.repeat(8000)}`]));
  assert.equal(fits.statusCode, 202);
});
