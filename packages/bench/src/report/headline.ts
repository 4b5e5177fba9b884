import { cpuMsPerItem } from '../measure/phase.ts';
import type { BenchReport } from './report-types.ts';

export interface HeadlineRow {
  what: string;
  figure: string;
  against: string;
  target: string;
  met?: boolean;
}

const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const ms = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : 'n/a');

/** The slowest stage alone, and the cleaner's CPU per page there. */
export function stageFigures(report: BenchReport) {
  const stages = report.alone.stages;
  const slowest = stages.reduce((a, b) => (b.pagesPerSecond < a.pagesPerSecond ? b : a));
  const clean = stages.find((s) => s.stage === 'clean');
  const cleanerMs = clean ? cpuMsPerItem(clean.usage, clean.inputs, 'cleaner') : Number.NaN;
  const index = stages.find((s) => s.stage === 'index');
  return { slowest, cleanerMs, index };
}

export function headline(report: BenchReport): HeadlineRow[] {
  return [...throughputRows(report), latencyRow(report), ...costRows(report), ...growthRows(report)];
}

function throughputRows(report: BenchReport): HeadlineRow[] {
  const [one, two] = report.pipelines;
  const best = Math.max(one?.pagesPerSecond ?? 0, two?.pagesPerSecond ?? 0);
  const { slowest } = stageFigures(report);
  const crawlee = report.peers.crawlee.result.pagesPerSecond;
  const share = best / slowest.pagesPerSecond;
  return [
    {
      what: 'pipeline, 1 process per stage',
      figure: `${f1(one?.pagesPerSecond ?? NaN)} pages/s`,
      against: '',
      target: '',
    },
    {
      what: 'pipeline, 2 processes per stage',
      figure: `${f1(two?.pagesPerSecond ?? NaN)} pages/s`,
      against: '',
      target: '',
    },
    {
      what: 'pipeline (best) / slowest stage alone',
      figure: `${share.toFixed(2)}×`,
      against: `${slowest.stage} alone ${f1(slowest.pagesPerSecond)} pages/s`,
      target: '≥ 0.80×',
      met: share >= 0.8,
    },
    {
      what: 'pipeline (best) / Crawlee CheerioCrawler fetch+parse',
      figure: `${(best / crawlee).toFixed(2)}×`,
      against: `Crawlee ${f1(crawlee)} pages/s`,
      target: '≥ 1.00×',
      met: best >= crawlee,
    },
  ];
}

function latencyRow(report: BenchReport): HeadlineRow {
  const { latency } = report.latency;
  return {
    what: `enqueue→searchable p50 / p95 / p99 at ${latency.ratePerSecond} URLs/s (open loop)`,
    figure: `${ms(latency.p50)} / ${ms(latency.p95)} / ${ms(latency.p99)}`,
    against: `${latency.measured} URLs measured`,
    target: 'p95 < 2000 ms',
    met: latency.p95 < 2000,
  };
}

/** Queue CPU per page: the four floor workers plus Redis, per job moved through all four queues. */
export function queueCostMs(report: BenchReport): number {
  const { queue } = report.floors;
  return cpuMsPerItem(queue.usage, queue.jobs, 'queue-worker') + cpuMsPerItem(queue.usage, queue.jobs, 'redis');
}

function costRows(report: BenchReport): HeadlineRow[] {
  const one = report.pipelines[0];
  const { cleanerMs, index } = stageFigures(report);
  const queueMs = queueCostMs(report);
  const { parse, bulk } = report.floors;
  const extract = report.peers.extractors.result;
  return [
    {
      what: 'queue cost per page (BullMQ, 4 hops, CPU incl. Redis) / cleaner CPU per page',
      figure: `${((100 * queueMs) / cleanerMs).toFixed(1)}%`,
      against: `${queueMs.toFixed(2)} ms vs ${cleanerMs.toFixed(2)} ms`,
      target: '< 5%',
      met: queueMs / cleanerMs < 0.05,
    },
    {
      what: 'cleaner stage CPU per page / bare htmlparser2 parse',
      figure: `${(cleanerMs / parse.msPerPage).toFixed(1)}×`,
      against: `${cleanerMs.toFixed(2)} ms vs ${parse.msPerPage.toFixed(2)} ms`,
      target: '',
    },
    {
      what: 'cleaner core / Readability.js + jsdom, CPU per page',
      figure: `${(extract.newsflowMsPerPage / extract.readabilityMsPerPage).toFixed(2)}×`,
      against: `${extract.newsflowMsPerPage.toFixed(2)} ms vs ${extract.readabilityMsPerPage.toFixed(2)} ms`,
      target: '',
    },
    {
      what: 'indexer alone / raw helpers.bulk',
      figure: `${((index?.pagesPerSecond ?? NaN) / bulk.docsPerSecond).toFixed(2)}×`,
      against: `${f1(index?.pagesPerSecond ?? NaN)} vs ${f1(bulk.docsPerSecond)} docs/s`,
      target: '',
    },
    {
      what: 'CPU per page, whole pipeline (1 process per stage, every process incl. Redis, ES, corpus site)',
      figure: `${cpuMsPerItem(one?.usage ?? [], one?.accounting.submitted ?? 0).toFixed(1)} ms`,
      against: '',
      target: '',
    },
    {
      what: 'Redis per page in flight / per indexed article',
      figure: `${kib(report.alone.redisBytesPerPageInFlight)} / ${kib(one?.redisBytesPerArticle ?? NaN)}`,
      against: '',
      target: '',
    },
  ];
}

function growthRows(report: BenchReport): HeadlineRow[] {
  const growth = report.growth;
  if (!growth || growth.results.length < 2) return [];
  const [first, last] = [growth.results[0], growth.results.at(-1)];
  return [
    {
      what: `dedupe CPU per article at ${last?.docs} / at ${first?.docs} (cluster bench)`,
      figure: `${growth.cpuRatio.toFixed(2)}×`,
      against: `wall ${growth.wallRatio.toFixed(2)}×`,
      target: '≤ 1.5×',
      met: growth.cpuRatio <= 1.5,
    },
  ];
}

export function kib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : 'n/a';
}

/** The table printed at the end and put at the top of the markdown. */
export function headlineTable(rows: readonly HeadlineRow[]): string {
  const lines = ['| what | figure | against | target | met |', '|---|---|---|---|---|'];
  for (const row of rows)
    lines.push(
      `| ${row.what} | ${row.figure} | ${row.against} | ${row.target} | ${row.met === undefined ? '' : row.met ? 'yes' : 'no'} |`,
    );
  return lines.join('\n');
}
