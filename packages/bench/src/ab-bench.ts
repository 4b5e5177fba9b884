// `node packages/bench/src/ab-bench.ts --variant base=DIR [--variant NAME=DIR…] [--urls N]
// [--rounds N] [--alone] [--rate N --seconds S]`: the before/after of speed changes in one run. Each
// DIR is another checkout (e.g. `git worktree add ../base main`, with its node_modules); the stage
// processes of each variant and of this checkout ('this', last unless named) take turns on the same
// corpus, Redis and Elasticsearch (the order reversed every other round, so drift in the machine's
// load falls on all). Prints pages/s, CPU ms per page of every process and Redis commands per page
// side by side, each variant against the one before it; --rate adds an open-loop trickle run
// (enqueue→searchable latency, Elasticsearch CPU per document).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { startServices } from '@newsflow/devstack';
import { createEsClient } from '@newsflow/search';
import { startCorpusProcess } from './corpus/corpus-process.ts';
import { cpuMsPerItem } from './measure/phase.ts';
import type { ServicePids } from './measure/phase.ts';
import { callsPerItem, commandCalls } from './measure/redis-commands.ts';
import { servicePids } from './measure/service-pids.ts';
import { runPipeline } from './stages/pipeline-run.ts';
import { runLatency } from './stages/latency-run.ts';
import { runStagesAlone } from './stages/stage-alone.ts';
import type { BenchSettings } from './stages/run-context.ts';

const REPO_ROOT = join(import.meta.dirname, '../../..');
const PROCESSES = ['fetcher', 'cleaner', 'dedupe', 'indexer', 'redis', 'elasticsearch', 'corpus'];

interface Variant {
  name: string;
  root: string;
}

interface AbRow {
  variant: string;
  round: number;
  pagesPerSecond: number;
  indexed: number;
  unaccounted: number;
  cpuMsPerPage: Record<string, number>;
  redisCommandsPerPage: ReturnType<typeof callsPerItem>;
  redisBytesPerArticle: number;
  alone?: Array<{ stage: string; pagesPerSecond: number; cpuMs: number; commands: number; top: string }>;
  load: number;
  trickle?: { p50: number; p95: number; p99: number; esCpuMsPerDoc: number; cpuMsPerPage: number; indexed: number };
}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      variant: { type: 'string', multiple: true },
      rate: { type: 'string', default: '0' },
      seconds: { type: 'string', default: '60' },
      urls: { type: 'string', default: '1500' },
      hosts: { type: 'string', default: '200' },
      rounds: { type: 'string', default: '2' },
      'host-delay-ms': { type: 'string', default: '250' },
      concurrency: { type: 'string', default: '8' },
      alone: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const variants = (values.variant ?? []).map((spec) => {
    const [name = '', dir = ''] = spec.split('=');
    return { name, root: resolve(dir) };
  });
  if (variants.length === 0) throw new Error('--variant NAME=DIR (a checkout with node_modules) is required');
  if (!variants.some((v) => v.name === 'this')) variants.push({ name: 'this', root: REPO_ROOT });
  return {
    variants,
    rate: Number(values.rate),
    seconds: Number(values.seconds),
    urls: Number(values.urls),
    hosts: Number(values.hosts),
    rounds: Number(values.rounds),
    hostDelayMs: Number(values['host-delay-ms']),
    concurrency: Number(values.concurrency),
    alone: values.alone,
    out: resolve(REPO_ROOT, values.out ?? `artifacts/ab-${new Date().toISOString().replace(/[:.]/g, '-')}`),
  };
}

async function measureVariant(
  settings: BenchSettings,
  urls: readonly string[],
  pids: ServicePids,
  alone: boolean,
): Promise<Omit<AbRow, 'variant' | 'round' | 'load'>> {
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
  try {
    const before = await commandCalls(redis);
    let commands = callsPerItem(before, before, 1);
    const run = await runPipeline(settings, urls, pids, 1, {
      onFinished: async () => {
        commands = callsPerItem(before, await commandCalls(redis), urls.length);
      },
    });
    const pages = run.accounting.submitted;
    const cpu = Object.fromEntries(PROCESSES.map((name) => [name, cpuMsPerItem(run.usage, pages, name)]));
    cpu.total = cpuMsPerItem(run.usage, pages);
    const stages = alone ? await runStagesAlone(settings, urls, pids) : undefined;
    return {
      pagesPerSecond: run.pagesPerSecond,
      indexed: run.accounting.indexed,
      unaccounted: run.accounting.unaccounted,
      cpuMsPerPage: cpu,
      redisCommandsPerPage: commands,
      redisBytesPerArticle: run.redisBytesPerArticle,
      alone: stages?.stages.map((s) => ({
        stage: s.stage,
        pagesPerSecond: s.pagesPerSecond,
        cpuMs: cpuMsPerItem(s.usage, s.inputs, PROCESSES[['fetch', 'clean', 'dedupe', 'index'].indexOf(s.stage)]),
        commands: s.redisCommands.total,
        top: s.redisCommands.top
          .slice(0, 6)
          .map((c) => `${c.command} ${c.perItem.toFixed(1)}`)
          .join(', '),
      })),
    };
  } finally {
    redis.disconnect();
  }
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** One open-loop run at a fixed rate: latency, and what Elasticsearch spends per document indexed. */
async function trickle(
  settings: BenchSettings,
  urls: readonly string[],
  pids: ServicePids,
  rate: number,
  seconds: number,
) {
  const run = await runLatency(settings, urls, pids, {
    ratePerSecond: rate,
    seconds,
    warmupSeconds: Math.min(10, seconds / 4),
  });
  const indexed = run.accounting.indexed;
  return {
    p50: run.latency.p50,
    p95: run.latency.p95,
    p99: run.latency.p99,
    esCpuMsPerDoc: cpuMsPerItem(run.usage, indexed, 'elasticsearch'),
    cpuMsPerPage: cpuMsPerItem(run.usage, run.accounting.submitted),
    indexed,
  };
}

function summary(rows: readonly AbRow[], variants: readonly Variant[]): string {
  const of = (name: string) => rows.filter((r) => r.variant === name);
  const line = (what: string, pick: (r: AbRow) => number | undefined, digits = 1): string => {
    const means = variants.map((v) => mean(of(v.name).map((r) => pick(r) ?? NaN)));
    const cells = means.map((m, i) => {
      const ratio = i === 0 ? '' : ` (${(m / (means[i - 1] ?? NaN)).toFixed(2)}×)`;
      return `${m.toFixed(digits)}${ratio}`;
    });
    return `| ${what} | ${cells.join(' | ')} |`;
  };
  const lines = [
    `| figure (mean over rounds; (×) = against the column before) | ${variants.map((v) => v.name).join(' | ')} |`,
    `|---|${variants.map(() => '---').join('|')}|`,
  ];
  lines.push(line('pipeline pages/s (1 process per stage, all submitted at once)', (r) => r.pagesPerSecond));
  for (const name of [...PROCESSES, 'total']) lines.push(line(`CPU ms/page: ${name}`, (r) => r.cpuMsPerPage[name], 2));
  lines.push(line('Redis commands/page (commandstats)', (r) => r.redisCommandsPerPage.total));
  lines.push(line('Redis KiB/indexed article after the run', (r) => r.redisBytesPerArticle / 1024, 2));
  for (const stage of ['fetch', 'clean', 'dedupe', 'index']) {
    if (!rows.some((r) => r.alone)) break;
    const pick = (r: AbRow) => r.alone?.find((a) => a.stage === stage);
    lines.push(line(`${stage} alone: pages/s`, (r) => pick(r)?.pagesPerSecond));
    lines.push(line(`${stage} alone: stage CPU ms/page`, (r) => pick(r)?.cpuMs, 2));
    lines.push(line(`${stage} alone: Redis commands/page`, (r) => pick(r)?.commands));
  }
  if (rows.some((r) => r.trickle)) {
    lines.push(line('trickle: p50 ms', (r) => r.trickle?.p50, 0));
    lines.push(line('trickle: p95 ms', (r) => r.trickle?.p95, 0));
    lines.push(line('trickle: p99 ms', (r) => r.trickle?.p99, 0));
    lines.push(line('trickle: Elasticsearch CPU ms/doc', (r) => r.trickle?.esCpuMsPerDoc, 2));
    lines.push(line('trickle: CPU ms/page, all processes', (r) => r.trickle?.cpuMsPerPage, 2));
  }
  return lines.join('\n');
}

async function measureRound(
  opts: ReturnType<typeof options>,
  services: { redisUrl: string; elasticsearchUrl: string },
  urls: readonly string[],
  pids: ServicePids,
  round: number,
): Promise<AbRow[]> {
  const rows: AbRow[] = [];
  for (const variant of round % 2 === 0 ? opts.variants : [...opts.variants].reverse()) {
    const settings: BenchSettings = {
      ...services,
      hostDelayMs: opts.hostDelayMs,
      fetchConcurrency: opts.concurrency,
      serviceRoot: variant.root,
    };
    const load = loadavg()[0] ?? 0;
    const row: AbRow = {
      variant: variant.name,
      round,
      load,
      ...(await measureVariant(settings, urls, pids, opts.alone)),
    };
    if (opts.rate > 0) row.trickle = await trickle(settings, urls, pids, opts.rate, opts.seconds);
    rows.push(row);
    console.log(
      `round ${round} ${variant.name}: ${row.pagesPerSecond.toFixed(1)} pages/s, ${row.cpuMsPerPage.total?.toFixed(1)} ms CPU/page, ${row.redisCommandsPerPage.total.toFixed(1)} Redis commands/page, load ${load.toFixed(1)}${row.trickle ? `; trickle p95 ${row.trickle.p95.toFixed(0)} ms, ES ${row.trickle.esCpuMsPerDoc.toFixed(2)} ms/doc` : ''}`,
    );
  }
  return rows;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  mkdirSync(opts.out, { recursive: true });
  const services = await startServices({ purpose: 'test' });
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
  const es = createEsClient(services.elasticsearchUrl);
  const corpus = await startCorpusProcess({ urls: opts.urls, hosts: opts.hosts });
  const rows: AbRow[] = [];
  const loadBefore = loadavg();
  try {
    const pids = { ...(await servicePids(redis, es)), corpus: corpus.pid } as ServicePids;
    for (let round = 0; round < opts.rounds; round += 1)
      rows.push(...(await measureRound(opts, services, corpus.urls, pids, round)));
  } finally {
    await corpus.stop();
    redis.disconnect();
    await es.close();
    await services.stop();
  }
  const table = summary(rows, opts.variants);
  const command = `node packages/bench/src/ab-bench.ts ${process.argv.slice(2).join(' ')}`;
  const load = `load average before ${loadBefore.map((n) => n.toFixed(1)).join(' ')}, after ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} (2 cores, shared)`;
  writeFileSync(join(opts.out, 'ab.json'), `${JSON.stringify({ command, options: opts, rows }, null, 2)}\n`);
  writeFileSync(join(opts.out, 'ab.md'), `${command}\n\n${load}\n\n${table}\n`);
  console.log(`\n${command}\n${load}\n\n${table}\n\nrows: ${join(opts.out, 'ab.json')}`);
}

await main();
