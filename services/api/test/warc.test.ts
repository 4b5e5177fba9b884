// WARC ingest through the real pipeline: the API, cleaner, dedupe and indexer as processes on real
// Redis and Elasticsearch; archives made by the test, uploaded or served over local HTTP.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { identityOf } from '@newsflow/contracts';
import { waitFor } from '@newsflow/testkit';
import { articleHtml, makeTruncatedWarc, makeWarc } from '@newsflow/warc/testing';
import type { TestRecord } from '@newsflow/warc/testing';
import { startPipelineStack } from './support/pipeline-stack.ts';
import type { PipelineStack } from './support/pipeline-stack.ts';

let stack: PipelineStack;
let files: Server;
let archives: Record<string, Buffer>;

const url = (slug: string) => `https://archive.example/2023/11/0${slug.length % 9}/${slug}`;
const page = (slug: string, date: string, words: string): TestRecord => ({
  url: url(slug),
  date,
  body: articleHtml(`Council ${slug} ${words}`, `${words} ${slug}`),
});
const RECORDS: TestRecord[] = [
  page('harbour-plan', '2023-11-05T06:07:08Z', 'zanzibar'),
  { type: 'request', url: url('harbour-plan'), date: '2023-11-05T06:07:08Z' },
  page('tram-line', '2023-11-06T07:08:09Z', 'quokka'),
  { url: 'https://archive.example/style.css', date: '2023-11-06T07:08:10Z', body: 'a{}', contentType: 'text/css' },
  page('library-hours', '2023-11-07T08:09:10Z', 'pangolin'),
];

before(async () => {
  const truncated = RECORDS.map((record) => ({ ...record, url: record.url.replace('2023', '2022') }));
  archives = { '/good.warc.gz': await makeWarc(RECORDS, true), '/cut.warc': await makeTruncatedWarc(truncated, false) };
  files = createServer((request, response) => {
    const body = archives[request.url ?? ''];
    if (!body) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/warc' }).end(body);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  stack = await startPipelineStack('warcapi', ['cleaner', 'dedupe', 'indexer', 'api']);
});
after(async () => {
  await stack?.stop();
  files?.close();
});

const upload = (body: Buffer, query = '') =>
  fetch(`${stack.pipeline.apiUrl}/api/warc${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/warc' },
    body: new Uint8Array(body),
  });

async function indexedCount(): Promise<number> {
  await stack.es.indices.refresh({ index: stack.names.readAlias });
  return (await stack.es.count({ index: stack.names.readAlias })).count;
}

test('an uploaded WARC.gz is indexed with its original fetch times; the same file again adds nothing', async () => {
  const response = await upload(archives['/good.warc.gz']!, '?id=first-upload&host=archive.example');
  assert.equal(response.status, 200);
  const status = (await response.json()) as {
    state: string;
    read: number;
    kept: number;
    skipped: Record<string, number>;
  };
  assert.deepEqual([status.state, status.read, status.kept], ['done', 5, 3]);
  assert.deepEqual(status.skipped, { 'not-response': 1, 'not-html': 1 });
  assert.equal(
    ((await (await fetch(`${stack.pipeline.apiUrl}/api/warc/first-upload`)).json()) as { kept: number }).kept,
    3,
  );
  await waitFor(
    'three archived articles indexed',
    async () => ((await indexedCount()) === 3 ? true : undefined),
    90_000,
    500,
  );
  const hit = await stack.es.get<{ fetchedAt: string; title: string }>({
    index: stack.names.readAlias,
    id: identityOf(url('tram-line')).docId,
  });
  assert.equal(hit._source?.fetchedAt, '2023-11-06T07:08:09.000Z');
  const search = await (await fetch(`${stack.pipeline.apiUrl}/api/search?q=quokka`)).text();
  assert.match(search, /Council tram-line quokka/);
  const again = (await (await upload(archives['/good.warc.gz']!)).json()) as {
    kept: number;
    skipped: Record<string, number>;
  };
  assert.equal(again.kept, 0);
  assert.equal((again.skipped['already-queued'] ?? 0) + (again.skipped['already-indexed'] ?? 0), 3);
  assert.equal(await indexedCount(), 3);
});

test('a truncated WARC fetched by URL fails with a clear error after keeping what came before the cut', async () => {
  const source = `http://127.0.0.1:${(files.address() as AddressInfo).port}/cut.warc`;
  const response = await fetch(`${stack.pipeline.apiUrl}/api/warc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ urls: [source] }),
  });
  assert.equal(response.status, 202);
  const { ingests } = (await response.json()) as { ingests: Array<{ status: string }> };
  const status = await waitFor(
    'the ingest to end',
    async () => {
      const body = (await (await fetch(`${stack.pipeline.apiUrl}${ingests[0]!.status}`)).json()) as {
        state: string;
        error?: string;
        kept: number;
      };
      return body.state === 'running' ? undefined : body;
    },
    30_000,
    200,
  );
  assert.equal(status.state, 'failed');
  assert.match(
    status.error ?? '',
    /WarcFormatError: record of https:\/\/archive\.example\/2022\/.*cut short \(after 4 complete records/,
  );
  assert.equal(status.kept, 2, 'the two whole pages before the cut');
});
