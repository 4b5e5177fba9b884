// WARC → clean queue on real Redis: original fetch times, deterministic ids, a re-run adds nothing,
// and a truncated archive keeps what came before the cut without handing anything on twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identityOf } from '@newsflow/contracts';
import type { CleanJob } from '@newsflow/contracts';
import { getRaw } from '@newsflow/runtime';
import { useTestQueues } from '@newsflow/testkit';
import { ingestWarc, WarcFormatError } from '../src/index.ts';
import type { IngestDeps } from '../src/index.ts';
import { articleHtml, makeTruncatedWarc, makeWarc } from './support/index.ts';
import type { TestRecord } from './support/index.ts';

const { redis, prefix, queues } = useTestQueues('warc');
const cleanQueue = queues.clean;
const deps: IngestDeps = { redis, cleanQueue, prefix, maxBodyBytes: 1 << 20, maxPending: 1_000 };

const url = (n: number) => `https://news.example/2024/03/0${n}/story-${n}`;
const RECORDS: TestRecord[] = [
  { url: url(1), date: '2024-03-01T08:00:00Z', body: articleHtml('One', 'a') },
  { type: 'request', url: url(1), date: '2024-03-01T08:00:00Z' },
  { url: url(2), date: '2024-03-02T08:00:00Z', body: articleHtml('Two', 'b') },
  { url: 'https://other.example/2024/03/02/elsewhere', date: '2024-03-02T09:00:00Z', body: articleHtml('Else', 'c') },
  { url: url(3), date: '2024-03-03T08:00:00Z', body: articleHtml('Three', 'd') },
];

void test('kept pages become clean jobs with the archive fetch time and URL; a re-run adds nothing', async () => {
  const archive = await makeWarc(RECORDS, true);
  const first = await ingestWarc([archive], { hosts: ['news.example'] }, deps);
  assert.deepEqual(first, { read: 5, kept: 3, skipped: { 'not-response': 1, host: 1 }, bytes: archive.byteLength });
  const job = await cleanQueue.getJob(`clean-${identityOf(url(2)).docId}`);
  const data = job?.data as CleanJob;
  assert.equal(data.fetchedAt, '2024-03-02T08:00:00.000Z');
  assert.equal(data.finalUrl, url(2));
  assert.equal(Buffer.from((await getRaw(redis, data.rawKey))!).toString(), articleHtml('Two', 'b'));
  const again = await ingestWarc([archive], { hosts: ['news.example'] }, deps);
  assert.equal(again.kept, 0);
  assert.equal(again.skipped['already-queued'], 3);
  assert.equal(await cleanQueue.count(), 3);
});

void test('a truncated archive fails after handing on what came before the cut, and a retry adds none twice', async () => {
  const records = RECORDS.map((record) => ({ ...record, url: record.url.replace('story', 'cut') }));
  const before = await cleanQueue.count();
  const archive = await makeTruncatedWarc(records, false);
  const seen: number[] = [];
  const run = () => ingestWarc([archive], {}, { ...deps, onProgress: (progress) => void seen.push(progress.kept) });
  await assert.rejects(run(), (error: unknown) => error instanceof WarcFormatError && /cut short/.test(error.message));
  assert.equal(await cleanQueue.count(), before + 3, 'three whole pages before the cut story-3 record');
  assert.equal(seen.at(-1), 3, 'the last progress report counts them');
  await assert.rejects(run(), WarcFormatError);
  assert.equal(await cleanQueue.count(), before + 3);
});

void test('already indexed documents are skipped before their raw page is written', async () => {
  const archive = await makeWarc(
    [{ url: url(7), date: '2024-03-07T08:00:00Z', body: articleHtml('Seven', 'e') }],
    false,
  );
  const docId = identityOf(url(7)).docId;
  const outcome = await ingestWarc(
    [archive],
    {},
    { ...deps, indexedAmong: async (ids) => new Set(ids.filter((id) => id === docId)) },
  );
  assert.deepEqual(outcome.skipped, { 'already-indexed': 1 });
  assert.equal(await redis.exists(`${prefix}:raw:${docId}`), 0);
});
