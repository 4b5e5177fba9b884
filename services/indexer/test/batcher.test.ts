import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StageError } from '@newsflow/contracts';
import { createBatcher } from '../src/batch/batcher.ts';
import type { BatcherLimits, BulkResponseLike } from '../src/batch/batcher.ts';
import { conditionalUpdateOp } from '../src/batch/bulk-lines.ts';
import { createEsGuard } from '../src/es-guard.ts';

const limits: BatcherLimits = { maxDocs: 4, maxBytes: 1_000_000, flushMs: 20, maxInFlight: 1, itemRetries: 2 };
const backoff = { baseMs: 5, maxMs: 20 };
const op = (id: string) => conditionalUpdateOp('i', id, 1, 1, { clusterId: 'c' });
const idsOf = (body: Buffer): string[] =>
  body
    .toString()
    .trimEnd()
    .split('\n')
    .filter((_, i) => i % 2 === 0)
    .map((line) => (JSON.parse(line) as { update: { _id: string } }).update._id);

/** The batcher's own logic with a scripted bulk endpoint (Elasticsearch itself is covered by the integration tests). */
void describe('batcher', () => {
  void it('sends at once when idle, then full batches by count and partial ones after flushMs', async () => {
    const requests: Array<{ ids: string[]; at: number }> = [];
    const started = Date.now();
    const send = async (body: Buffer): Promise<BulkResponseLike> => {
      requests.push({ ids: idsOf(body), at: Date.now() - started });
      await new Promise((resolve) => setTimeout(resolve, 600));
      return { items: idsOf(body).map(() => ({ update: { status: 200 } })) };
    };
    const guard = createEsGuard(backoff, { onDown: () => {}, onUp: () => {} });
    const batcher = createBatcher({ limits: { ...limits, flushMs: 200, maxInFlight: 3 }, backoff, guard, send });
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => batcher.submit(op(id))));
    assert.deepEqual(results, Array(7).fill('ok'));
    assert.deepEqual(
      requests.map((request) => request.ids),
      [['a'], ['b', 'c', 'd', 'e'], ['f', 'g']],
    );
    assert.ok(requests[1]!.at < 150, 'a full batch goes at once, not after flushMs');
    assert.ok(
      requests[2]!.at >= 190 && requests[2]!.at < 550,
      'a partial batch goes after flushMs, not after the others finish',
    );
  });

  void it('resends 429 items with backoff, fails rejected ones with their reason, gives up after itemRetries', async () => {
    const seen = new Map<string, number>();
    const send = async (body: Buffer): Promise<BulkResponseLike> => ({
      items: idsOf(body).map((id) => {
        seen.set(id, (seen.get(id) ?? 0) + 1);
        if (id === 'busy-once') return { update: { status: seen.get(id) === 1 ? 429 : 200 } };
        if (id === 'always-busy') return { update: { status: 503, error: { type: 'unavailable_shards_exception' } } };
        if (id === 'bad')
          return { update: { status: 400, error: { type: 'document_parsing_exception', reason: 'bad field' } } };
        return { update: { status: 200 } };
      }),
    });
    const batcher = createBatcher({
      limits,
      backoff,
      guard: createEsGuard(backoff, { onDown: () => {}, onUp: () => {} }),
      send,
    });
    const settled = await Promise.allSettled(
      ['ok', 'busy-once', 'bad', 'always-busy'].map((id) => batcher.submit(op(id))),
    );
    assert.equal(settled[0]?.status, 'fulfilled');
    assert.deepEqual(settled[1], { status: 'fulfilled', value: 'ok' });
    const bad = settled[2] as PromiseRejectedResult;
    assert.ok(bad.reason instanceof StageError && bad.reason.reason === 'es-rejected');
    assert.match((bad.reason as Error).message, /document_parsing_exception: bad field/);
    const busy = settled[3] as PromiseRejectedResult;
    assert.ok(busy.reason instanceof StageError && busy.reason.reason === 'es-unavailable');
    assert.equal(seen.get('always-busy'), 3);
  });

  void it('waits out an outage instead of failing, reporting down and up', async () => {
    const events: string[] = [];
    let calls = 0;
    const send = async (body: Buffer): Promise<BulkResponseLike> => {
      calls += 1;
      if (calls <= 3) throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'ConnectionError', meta: {} });
      return { items: idsOf(body).map(() => ({ update: { status: 200 } })) };
    };
    const guard = createEsGuard(backoff, {
      onDown: (_e, attempt) => events.push(`down${attempt}`),
      onUp: () => events.push('up'),
    });
    const batcher = createBatcher({ limits, backoff, guard, send });
    assert.equal(await batcher.submit(op('x')), 'ok');
    assert.deepEqual(events, ['down1', 'down2', 'down3', 'up']);
  });
});
