import { isUnavailable } from '../src/es-guard.ts';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRelabel, toEsDocument, versionOf } from '@newsflow/search';
import { encodeUpsertPayload } from '@newsflow/contracts';
import { backoffMs } from '../src/batch/backoff.ts';
import { bulkBody, conditionalUpdateOp, isObjectLine, upsertOp } from '../src/batch/bulk-lines.ts';
import type { BulkOp } from '../src/batch/bulk-lines.ts';
import { classifyItem } from '../src/batch/classify-item.ts';
import { flushReason, msUntilDue, takeCount } from '../src/batch/flush-policy.ts';
import { makeDocument } from './support/harness.ts';

const limits = { maxDocs: 3, maxBytes: 100, flushMs: 1000 };

void describe('flush policy', () => {
  void it('flushes by count, bytes or age, whichever comes first', () => {
    const busy = { inFlight: 1 };
    assert.equal(flushReason({ count: 0, bytes: 0, oldestAt: null, inFlight: 0 }, limits, 5000), null);
    assert.equal(flushReason({ count: 3, bytes: 10, oldestAt: 4999, ...busy }, limits, 5000), 'count');
    assert.equal(flushReason({ count: 1, bytes: 100, oldestAt: 4999, ...busy }, limits, 5000), 'bytes');
    assert.equal(flushReason({ count: 1, bytes: 10, oldestAt: 4000, ...busy }, limits, 5000), 'time');
    assert.equal(flushReason({ count: 2, bytes: 10, oldestAt: 4500, ...busy }, limits, 5000), null);
    assert.equal(flushReason({ count: 2, bytes: 10, oldestAt: 4500, inFlight: 0 }, limits, 5000), 'idle');
    assert.equal(msUntilDue({ count: 2, bytes: 10, oldestAt: 4500, ...busy }, limits, 5000), 500);
  });

  void it('lingers lingerMs for more documents while idle, never longer than flushMs', () => {
    const lingering = { ...limits, lingerMs: 200 };
    assert.equal(flushReason({ count: 1, bytes: 10, oldestAt: 4900, inFlight: 0 }, lingering, 5000), null);
    assert.equal(flushReason({ count: 1, bytes: 10, oldestAt: 4800, inFlight: 0 }, lingering, 5000), 'idle');
    assert.equal(msUntilDue({ count: 1, bytes: 10, oldestAt: 4900, inFlight: 0 }, lingering, 5000), 100);
    assert.equal(msUntilDue({ count: 1, bytes: 10, oldestAt: 4900, inFlight: 1 }, lingering, 5000), 900);
    assert.equal(
      msUntilDue({ count: 1, bytes: 10, oldestAt: 4900, inFlight: 0 }, { ...limits, lingerMs: 5000 }, 5000),
      900,
    );
    assert.equal(flushReason({ count: 3, bytes: 10, oldestAt: 4999, inFlight: 0 }, lingering, 5000), 'count');
  });

  void it('takes at most maxDocs and maxBytes per request, but never leaves a big item behind', () => {
    assert.equal(takeCount([10, 10, 10, 10], limits), 3);
    assert.equal(takeCount([60, 60], limits), 1);
    assert.equal(takeCount([500, 10], limits), 1);
    assert.equal(takeCount([], limits), 0);
  });
});

void describe('bulk lines', () => {
  const indexedAt = new Date('2026-11-21T10:00:05.000Z');
  const linesOf = (ops: BulkOp[]): unknown[] =>
    bulkBody(ops, indexedAt)
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as unknown);

  void it('writes whole documents under their docId with the fetch time as external version, stamped with indexedAt', () => {
    const document = makeDocument({ fetchedAt: '2026-11-21T10:00:00.000Z' });
    const [line] = encodeUpsertPayload([document]);
    const op = upsertOp('articles-write', document.docId, versionOf(document), Buffer.from(line!));
    const body = bulkBody([op], indexedAt);
    assert.deepEqual(linesOf([op]), [
      {
        index: {
          _index: 'articles-write',
          _id: document.docId,
          version: Date.parse('2026-11-21T10:00:00.000Z'),
          version_type: 'external_gte',
        },
      },
      toEsDocument(document, indexedAt),
    ]);
    assert.equal(op.bytes, body.length, 'the size the flush policy counts is the size sent');
  });

  void it('makes partial updates conditional on the sequence number read, without a stamp', () => {
    const op = conditionalUpdateOp('articles-v1', 'abc', 7, 1, { clusterId: 'c', mergeSeq: 2 });
    assert.deepEqual(linesOf([op]), [
      { update: { _index: 'articles-v1', _id: 'abc', if_seq_no: 7, if_primary_term: 1 } },
      { doc: { clusterId: 'c', mergeSeq: 2 } },
    ]);
    assert.equal(op.bytes, bulkBody([op], indexedAt).length, 'the size the flush policy counts is the size sent');
  });

  void it('accepts as a source only a JSON object with fields', () => {
    assert.equal(isObjectLine(Buffer.from('{"a":1}')), true);
    for (const bad of ['{}', '[1]', '"x"', '{"a":1', '']) assert.equal(isObjectLine(Buffer.from(bad)), false, bad);
  });
});

void describe('bulk item classification', () => {
  void it('tells success, stale, conflict, missing, retry and reject apart', () => {
    assert.deepEqual(classifyItem('upsert', { status: 201 }), { outcome: 'ok' });
    assert.deepEqual(classifyItem('upsert', { status: 409, error: { type: 'version_conflict_engine_exception' } }), {
      outcome: 'stale',
    });
    assert.deepEqual(classifyItem('update', { status: 409, error: { type: 'version_conflict_engine_exception' } }), {
      outcome: 'conflict',
    });
    assert.deepEqual(classifyItem('update', { status: 404, error: { type: 'document_missing_exception' } }), {
      outcome: 'missing',
    });
    assert.equal(
      classifyItem('upsert', { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } })
        .outcome,
      'retry',
    );
    assert.equal(
      classifyItem('upsert', { status: 503, error: { type: 'unavailable_shards_exception' } }).outcome,
      'retry',
    );
    const rejected = classifyItem('upsert', {
      status: 400,
      error: {
        type: 'document_parsing_exception',
        reason: 'failed to parse field [wordCount]',
        caused_by: { reason: 'out of range' },
      },
    });
    assert.deepEqual(rejected, {
      outcome: 'reject',
      reason: 'document_parsing_exception: failed to parse field [wordCount] (out of range)',
    });
  });
});

void describe('backoff and relabel parsing', () => {
  void it('grows exponentially up to the cap, with jitter in the upper half', () => {
    const options = { baseMs: 100, maxMs: 1000 };
    // [attempt, the random draw, the delay]: the delay lies between half and all of min(base·2^(attempt−1), max)
    const expected = [
      [1, 0, 50],
      [1, 1, 100],
      [3, 1, 400],
      [20, 1, 1000],
      [20, 0, 500],
    ] as const;
    for (const [attempt, draw, delay] of expected)
      assert.equal(
        backoffMs(attempt, options, () => draw),
        delay,
        `attempt ${attempt}, draw ${draw}`,
      );
  });

  void it('parses stored merges', () => {
    assert.deepEqual(parseRelabel('12|c-a|b'), { mergeSeq: 12, clusterId: 'c-a|b' });
    assert.equal(parseRelabel('junk'), null);
  });
});

void it('isUnavailable: outages and refused credentials wait; content errors and our own bugs do not', () => {
  const withStatus = (statusCode: number) => Object.assign(new Error(`HTTP ${statusCode}`), { meta: { statusCode } });
  const named = (name: string) => Object.assign(new Error(name), { name });
  for (const error of [
    named('ConnectionError'),
    named('TimeoutError'),
    named('NoLivingConnectionsError'),
    withStatus(429),
    withStatus(503),
    withStatus(401),
    withStatus(403),
  ]) {
    assert.equal(isUnavailable(error), true, error.message);
  }
  for (const error of [new TypeError('x is not a function'), withStatus(400), withStatus(404), withStatus(413)]) {
    assert.equal(isUnavailable(error), false, error.message);
  }
});
