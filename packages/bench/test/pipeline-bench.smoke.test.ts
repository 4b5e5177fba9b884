// The pipeline benchmark at a tiny size (not a timed test): every phase runs against the real
// Redis and Elasticsearch of the test run, the report has its shape, and the counts add up —
// every submitted URL ends indexed or failed with a reason, in every run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions } from '../src/options.ts';
import { headline } from '../src/report/headline.ts';
import { renderMarkdown } from '../src/report/markdown.ts';
import type { BenchReport } from '../src/report/report-types.ts';
import { runPipelineBench } from '../src/run-bench.ts';

const { REDIS_URL, ELASTICSEARCH_URL } = process.env;
const URLS = 48;

describe('pipeline bench, smoke size', { timeout: 300_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'pipeline-bench-'));
  let report: BenchReport;

  before(async () => {
    assert.ok(
      REDIS_URL && ELASTICSEARCH_URL,
      'REDIS_URL and ELASTICSEARCH_URL must be set (scripts/run-tests.ts sets them)',
    );
    const options = parseOptions([
      '--quick',
      '--urls',
      String(URLS),
      '--hosts',
      '6',
      '--host-delay-ms',
      '50',
      '--latency-seconds',
      '3',
      '--latency-rate',
      '8',
      '--sample',
      '6',
      '--growth-sizes',
      '',
      '--out',
      out,
    ]);
    report = await runPipelineBench(options, { redisUrl: REDIS_URL, elasticsearchUrl: ELASTICSEARCH_URL }, () => {});
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  test('every URL of every pipeline run ends indexed or failed with a reason', () => {
    assert.equal(report.corpus.urls, URLS);
    assert.equal(report.pipelines.length, 2);
    assert.ok(report.profiled, 'the profiled run is in the report');
    for (const run of [...report.pipelines, report.latency, report.profiled]) {
      const { submitted, indexed, failed, reasons, unaccounted } = run.accounting;
      const failedTotal = Object.values(failed).reduce((sum, n) => sum + n, 0);
      assert.equal(unaccounted, 0, `unaccounted URLs: ${JSON.stringify(run.accounting)}`);
      assert.equal(indexed + failedTotal, submitted);
      assert.equal(
        Object.values(reasons).reduce((sum, n) => sum + n, 0),
        failedTotal,
        'each failure has a reason',
      );
      assert.ok(indexed > submitted / 2, `most pages are articles (${indexed} of ${submitted})`);
    }
    assert.equal(report.pipelines[0]?.accounting.submitted, URLS);
  });

  test('each stage alone takes what the stage before it produced', () => {
    const [fetch, clean, dedupe, index] = report.alone.stages;
    assert.deepEqual(
      report.alone.stages.map((s) => s.stage),
      ['fetch', 'clean', 'dedupe', 'index'],
    );
    assert.equal(fetch?.inputs, URLS);
    assert.equal(fetch.outputs + fetch.failed, URLS);
    assert.equal(clean?.inputs, fetch.outputs);
    assert.equal(clean.outputs + clean.failed, clean.inputs);
    assert.equal(dedupe?.inputs, clean.outputs);
    assert.equal(index?.inputs, dedupe.outputs);
    assert.equal(index.outputs, dedupe.outputs);
    for (const stage of report.alone.stages) assert.ok(stage.pagesPerSecond > 0, `${stage.stage} rate`);
    assert.ok(report.alone.redisBytesPerPageInFlight > 0);
  });

  test('latency, floors, peers and profiles are measured', () => {
    const { latency } = report.latency;
    assert.equal(latency.lost, 0);
    assert.ok(latency.measured > 0 && latency.p50 <= latency.p95 && latency.p95 <= latency.p99);
    assert.equal(report.floors.queue.jobs, URLS);
    assert.ok(report.floors.queue.jobsPerSecond > 0 && report.floors.parse.msPerPage > 0);
    assert.equal(report.floors.bulk.documents, report.pipelines[0]?.accounting.indexed);
    const { crawlee, extractors } = report.peers;
    assert.equal(crawlee.result.pages + crawlee.result.failed, URLS);
    assert.equal(extractors.result.pages, 6);
    assert.deepEqual(
      report.profiles.map((p) => p.stage),
      ['fetch', 'clean', 'dedupe', 'index'],
    );
    for (const profile of report.profiles) assert.ok(profile.busyMs > 0 && profile.byPlace.length > 0);
    for (const name of ['fetcher#1', 'cleaner#1', 'dedupe#1', 'indexer#1', 'redis', 'elasticsearch'])
      assert.ok(
        report.pipelines[0]?.usage.some((u) => u.name === name && u.peakRssBytes > 0),
        `usage of ${name}`,
      );
  });

  test('the markdown carries the headline table and every section', () => {
    const markdown = renderMarkdown(report, 'npm run bench -- pipeline --quick');
    assert.ok(headline(report).length >= 10);
    for (const heading of [
      '## Headline',
      '## The pipeline',
      '## Each stage alone',
      '## Enqueue → searchable',
      '## Floors and peers',
      '## Where CPU goes',
    ])
      assert.ok(markdown.includes(heading), heading);
    assert.match(markdown, /per-host delay \*\*50 ms\*\*/);
    assert.doesNotMatch(markdown, /NaN/);
  });
});
