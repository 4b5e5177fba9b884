// Saved searches and their webhooks on real Redis, Elasticsearch and HTTP: matches found by the
// periodic indexedAt query, signed calls retried with backoff, refused targets listed as failed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { articleDocument, startTestStack } from '@newsflow/api/testing';
import type { TestStack } from '@newsflow/api/testing';
import { startAlerts } from '../src/alerts/alert-workers.ts';
import type { RunningAlerts } from '../src/alerts/alert-workers.ts';
import { matchSavedSearches } from '../src/alerts/match-saved-searches.ts';
import { createSavedStore } from '../src/alerts/saved-store.ts';
import { verifySignature } from '../src/alerts/signature.ts';
import { json } from './helpers.ts';
import { eventually, startReceiver, withChecksPaused } from './support/webhook-receiver.ts';

let stack: TestStack;
let alerts: RunningAlerts;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const SECRET = 'whsec-test-0123456789abcdef';

before(async () => {
  receiver = await startReceiver();
  stack = await startTestStack({
    FETCH_ALLOW_PRIVATE: `127.0.0.1:${receiver.port}`,
    SAVED_SEARCH_INTERVAL_MS: '300',
    SAVED_SEARCH_SETTLE_MS: '500',
    WEBHOOK_ATTEMPTS: '3',
    WEBHOOK_BACKOFF_MS: '100',
  });
  alerts = await startAlerts(stack);
});
after(async () => {
  await alerts?.close();
  await stack?.close();
  await receiver?.close();
});

/**
 * Indexes with the checks paused: indexedAt is stamped before the bulk request, and a check that ran
 * while it was still in flight would move the cursor past documents not yet searchable. In
 * production SAVED_SEARCH_SETTLE_MS covers that; a test on a loaded machine cannot bound it.
 */
const indexWhileChecksPaused = (documents: Parameters<TestStack['indexDocuments']>[0]) =>
  withChecksPaused(alerts.checks, () => stack.indexDocuments(documents));

const request = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) => {
  const response = await stack.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  return { status: response.statusCode, body: response.body ? json(response.body) : {} };
};

interface Delivery {
  deliveryId: string;
  event: string;
  status: string;
  attempts: number;
  error?: string;
}

const deliveries = async (id: string, status = '') =>
  (await request('GET', `/api/saved-searches/${id}/deliveries${status ? `?status=${status}` : ''}`)).body
    .deliveries as Delivery[];

test('saved searches are created, listed without their secret, validated and deleted', async () => {
  const created = await request('POST', '/api/saved-searches', { query: 'ukraine', webhookUrl: receiver.url });
  assert.equal(created.status, 201);
  assert.match(created.body.secret as string, /^[0-9a-f]{64}$/, 'a generated secret, shown once');
  const listed = (await request('GET', '/api/saved-searches')).body.savedSearches as Array<Record<string, unknown>>;
  const mine = listed.find((saved) => saved.id === created.body.id);
  assert.equal(mine?.hasSecret, true);
  assert.equal(mine?.secret, undefined);
  assert.deepEqual(mine?.filters, { q: 'ukraine' });
  for (const bad of [
    { query: '' },
    { query: 'x', webhookUrl: 'ftp://example.com/hook' },
    { query: 'x', secret: 'no-webhook-to-sign-for' },
    { query: 'x', flags: ['bogus'] },
    { query: 'x', sort: 'asc' },
  ])
    assert.equal((await request('POST', '/api/saved-searches', bad)).status, 400, JSON.stringify(bad));
  assert.equal((await request('DELETE', `/api/saved-searches/${created.body.id as string}`)).status, 204);
  assert.equal((await request('DELETE', `/api/saved-searches/${created.body.id as string}`)).status, 404);
  assert.equal((await request('GET', `/api/saved-searches/${created.body.id as string}/deliveries`)).status, 404);
});

test('a new matching article and its new story are posted, signed, retried after a 500', async () => {
  const saved = (
    await request('POST', '/api/saved-searches', { query: 'zebra', webhookUrl: receiver.url, secret: SECRET })
  ).body;
  receiver.failNext(1);
  const story = { storyId: 's-zebra' };
  await indexWhileChecksPaused([
    articleDocument('https://a.example/zebra-1', { title: 'Zebra escapes zoo', clusterId: 'c-z1', ...story }),
    articleDocument('https://b.example/zebra-2', { title: 'Escaped zebra found', clusterId: 'c-z2', ...story }),
    articleDocument('https://c.example/lion', { title: 'Lion sleeps', clusterId: 'c-lion' }),
  ]);
  const id = saved.id as string;
  await eventually(async () => (await deliveries(id, 'delivered')).length === 3, 'three deliveries');
  const events = (await deliveries(id)).map((delivery) => delivery.event).sort();
  assert.deepEqual(events, ['article.matched', 'article.matched', 'story.matched']);
  assert.equal(receiver.calls.length, 4, 'one call answered 500, then retried');
  assert.equal(Math.max(...(await deliveries(id)).map((delivery) => delivery.attempts)), 2);
  for (const call of receiver.calls) {
    assert.ok(verifySignature(SECRET, call.body, call.headers['newsflow-signature'] as string), 'signed');
    assert.equal(
      verifySignature('another-secret-123456', call.body, call.headers['newsflow-signature'] as string),
      false,
    );
    const payload = JSON.parse(call.body) as { event: string; story: { id: string }; article: { title: string } };
    assert.equal(payload.event, call.headers['newsflow-event']);
    assert.equal(payload.story.id, 's-zebra');
    assert.match(payload.article.title, /zebra/i);
  }
});

test('running the same window again (a restart before the cursor moved) delivers nothing twice', async () => {
  const store = createSavedStore(stack.redis, stack.config.NEWSFLOW_QUEUE_PREFIX);
  const saved = (await store.list()).find((entry) => entry.filters.q === 'zebra');
  assert.ok(saved);
  // No check runs meanwhile, so the reset below is not overwritten.
  await withChecksPaused(alerts.checks, async () => {
    const callsBefore = receiver.calls.length;
    const countsBefore = await alerts.webhooks.getJobCounts('completed', 'waiting', 'delayed', 'active');
    await store.advance(saved.id, saved.createdAt);
    const deps = { ...stack, store, webhooks: alerts.webhooks };
    // Both articles are found again (the story is remembered as announced); their ids are taken.
    assert.equal(await matchSavedSearches(deps, new Date()), 2);
    assert.deepEqual(await alerts.webhooks.getJobCounts('completed', 'waiting', 'delayed', 'active'), countsBefore);
    assert.equal(receiver.calls.length, callsBefore);
    assert.equal((await deliveries(saved.id)).length, 3);
  });
});

test('webhooks to private or loopback targets outside FETCH_ALLOW_PRIVATE are refused and listed as failed', async () => {
  const targets = ['http://192.168.1.10:8080/hook', `http://[::1]:${receiver.port}/hook`, 'http://10.0.0.1/hook'];
  const ids: string[] = [];
  for (const webhookUrl of targets)
    ids.push((await request('POST', '/api/saved-searches', { query: 'okapi', webhookUrl })).body.id as string);
  const callsBefore = receiver.calls.length;
  await indexWhileChecksPaused([
    articleDocument('https://d.example/okapi', { title: 'Okapi born', clusterId: 'c-okapi' }),
  ]);
  for (const id of ids) {
    await eventually(async () => (await deliveries(id, 'failed')).length === 2, `failed deliveries of ${id}`);
    for (const failed of await deliveries(id, 'failed')) {
      assert.equal(failed.attempts, 1, 'a refused target is not retried');
      assert.match(failed.error ?? '', /^ssrf-blocked: target is not an allowed address/);
    }
  }
  assert.equal(receiver.calls.length, callsBefore);
});

test('with credentials configured, the saved-search and story routes require them', async () => {
  const secured = await startTestStack({ API_TOKEN: 'saved-search-token-0123456789' });
  try {
    for (const url of ['/api/saved-searches', '/api/stories', '/api/stories/x'])
      assert.equal((await secured.app.inject({ method: 'GET', url })).statusCode, 401, url);
    const post = await secured.app.inject({ method: 'POST', url: '/api/saved-searches', payload: { query: 'x' } });
    assert.equal(post.statusCode, 401);
    const authorized = await secured.app.inject({
      method: 'GET',
      url: '/api/saved-searches',
      headers: { authorization: 'Bearer saved-search-token-0123456789' },
    });
    assert.equal(authorized.statusCode, 200);
  } finally {
    await secured.close();
  }
});
