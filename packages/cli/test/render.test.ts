// The CLI's pure renderers: plain text when not on a terminal, highlights unwrapped, counts shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderFailed, renderResults, renderStatus, renderVersions } from '@newsflow/cli';

const hit = (docId: string, siteName: string, publishedAt: string) => ({
  docId,
  article: { title: 'Kremlin & Putin', url: `https://${docId}.example/a`, siteName, publishedAt },
  highlight: {},
});

test('search results: one numbered block per story, copies as rows, highlights as plain text', () => {
  const text = renderResults({
    total: 2,
    totalGroups: 1,
    page: 1,
    size: 10,
    groups: [
      {
        clusterId: 'c1',
        top: {
          ...hit('a', 'VOA', '2021-12-04T14:21:00Z'),
          highlight: { title: '<mark>Kremlin</mark> &amp; Putin', body: ['the &lt;b&gt; <mark>Kremlin</mark>'] },
        },
        copies: [hit('b', 'Cambodian Times', '2021-12-04T12:00:00Z')],
      },
    ],
  });
  assert.match(text, /^1\. Kremlin & Putin$/m);
  assert.match(text, /story c1 · 2 articles · VOA, Cambodian Times/);
  assert.match(text, /the <b> Kremlin/);
  assert.match(text, /2021-12-04 12:00 {2}Cambodian Times/);
  assert.match(text, /1 story, 2 articles · page 1/);
  assert.equal(renderResults({ total: 0, totalGroups: 0, page: 1, size: 10, groups: [] }), 'No articles match.');
});

test('status: a row per queue with waiting, failed, rate and totals', () => {
  const counts = { waiting: 3, prioritized: 1, active: 2, delayed: 0, failed: 4, completed: 9 };
  const text = renderStatus({
    generatedAt: '2026-01-01T10:00:00Z',
    documents: 12,
    queues: [{ name: 'fetch', counts }],
    ratePerMinute: { fetch: 2.5 },
    totals: { processed: { fetch: 40 }, failed: {} },
    indexer: { status: 'down', lastError: 'ECONNREFUSED' },
  });
  assert.match(text, /^fetch +4 +2 +0 +4 +2\.5 +40$/m);
  assert.match(text, /12 documents searchable · indexer down \(ECONNREFUSED\) · 10:00:00 UTC/);
});

test('failed: counts by queue and reason, then the jobs', () => {
  assert.equal(renderFailed({ counts: [], jobs: [], truncated: false }), 'No failed jobs.');
  const text = renderFailed({
    counts: [{ queue: 'fetch', reason: 'timeout', count: 2 }],
    jobs: [
      {
        queue: 'fetch',
        jobId: 'fetch-1',
        url: 'https://x.example/',
        reason: 'timeout',
        failedReason: 'timeout: 15 s',
        failedAt: '2026-01-01T10:00:00Z',
      },
    ],
    truncated: true,
  });
  assert.match(text, /^fetch +timeout +2$/m);
  assert.match(text, /2026-01-01 10:00 +fetch +https:\/\/x\.example\/ +timeout: 15 s/);
  assert.match(text, /most recent failures only/);
});

test('versions: a row per version, oldest first, the current one marked, with what it changed', () => {
  const text = renderVersions({
    docId: 'doc-1234',
    versions: [
      { version: 1, title: 'Bridge to close', fetchedAt: '2026-12-02T08:00:00.000Z' },
      {
        version: 2,
        title: 'Bridge to close in autumn',
        fetchedAt: '2026-12-02T14:00:00.000Z',
        current: true,
        changes: { summary: 'title changed; 1 paragraph changed (9 words)' },
      },
    ],
  });
  const lines = text.split('\n');
  assert.match(lines[1]!, /^v1 +2026-12-02 08:00 +first seen +Bridge to close$/);
  assert.match(
    lines[2]!,
    /^v2 \(current\) +2026-12-02 14:00 +title changed; 1 paragraph changed \(9 words\) +Bridge to close in autumn$/,
  );
  assert.match(text, /2 versions of doc-1234/);
});
