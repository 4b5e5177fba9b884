import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createEsClient } from '@newsflow/search';
import { startCorpusProcess } from './corpus/corpus-process.ts';
import type { CorpusProcess } from './corpus/corpus-process.ts';
import { bulkFloor, readIndexed } from './floors/bulk-floor.ts';
import { parseFloor, sampleIndices } from './floors/parse-floor.ts';
import { queueFloor } from './floors/queue-floor.ts';
import { runGrowth } from './growth.ts';
import { callsPerItem, commandCalls } from './measure/redis-commands.ts';
import { servicePids } from './measure/service-pids.ts';
import type { ServicePids } from './measure/phase.ts';
import type { PipelineBenchOptions } from './options.ts';
import type { CrawleeResult } from './peers/crawlee-peer.ts';
import type { ExtractorsResult } from './peers/readability-peer.ts';
import { runPeer } from './peers/run-peer.ts';
import { corpusPage } from './corpus/corpus-site.ts';
import { planCorpus } from './corpus/corpus-plan.ts';
import { profilesIn, summarizeProfile } from './report/cpu-profile.ts';
import type { BenchReport, StageProfile } from './report/report-types.ts';
import { runLatency } from './stages/latency-run.ts';
import type { LatencyRunResult } from './stages/latency-run.ts';
import { runPipeline } from './stages/pipeline-run.ts';
import type { PipelineRunResult } from './stages/pipeline-run.ts';
import type { BenchSettings } from './stages/run-context.ts';
import { SERVICE_OF, STAGES } from './stages/run-context.ts';
import { runStagesAlone } from './stages/stage-alone.ts';
import { phaseSlices } from './stages/slices.ts';
import type { PhaseSlices } from './stages/slices.ts';

const PEERS = join(import.meta.dirname, 'peers');

export interface Services {
  redisUrl: string;
  elasticsearchUrl: string;
}

/** Every measurement of the report, one after the other (never in parallel: they share 2 cores). */
export async function runPipelineBench(
  options: PipelineBenchOptions,
  services: Services,
  print = console.log,
): Promise<BenchReport> {
  const clock = performance.now();
  const log = (line: string): void =>
    print(`[${((performance.now() - clock) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  mkdirSync(join(options.out, 'profiles'), { recursive: true });
  const settings: BenchSettings = {
    ...services,
    hostDelayMs: options.hostDelayMs,
    fetchConcurrency: options.concurrency,
  };
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
  const es = createEsClient(services.elasticsearchUrl);
  const loadBefore = loadavg();
  const startedAt = new Date().toISOString();
  const corpus = await startCorpusProcess({ urls: options.urls, hosts: options.hosts });
  try {
    const pids = { ...(await servicePids(redis, es)), corpus: corpus.pid } as ServicePids;
    log(
      `corpus: ${corpus.urls.length} URLs over ${corpus.hosts.length} hosts (${corpus.realPages} real pages, ${corpus.copies} syndicated copies)`,
    );
    const slices = phaseSlices(corpus.urls, options.slice);
    log(`stages alone on ${slices.a.length} URLs…`);
    const alone = await runStagesAlone(settings, slices.a, pids);
    const measuredRuns = await pipelineRuns(settings, slices, pids, redis, log);
    const profiled = await profiledRun(options, settings, slices.rest, pids, log);
    const latency = await latencyRun(options, settings, profiled.latencyUrls, pids, measuredRuns.pipelines, log);
    const floors = await runFloors(options, services, slices.a.length, pids, measuredRuns.documents, log);
    const peers = await runPeers(options, slices.a, pids, log);
    const growth = growthRun(options, services, log);
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      options,
      machine: { cpus: cpus().length, loadBefore, loadAfter: loadavg(), node: process.version },
      corpus: {
        ...corpusSummary(corpus),
        slices: { a: slices.a.length, b: slices.b.length, rest: slices.rest.length },
      },
      alone,
      pipelines: measuredRuns.pipelines,
      redisCommandsPerPage: measuredRuns.commands,
      latency,
      profiled: profiled.run,
      profiles: stageProfiles(join(options.out, 'profiles'), profiled.run),
      floors,
      peers,
      growth,
    };
  } finally {
    await corpus.stop();
    redis.disconnect();
    await es.close();
  }
}

/**
 * The profiled run's URLs (the first of the rest) and the latency run's (the others), so the
 * latency is measured without the profiler's overhead; with one slice for all (--slice 0), both get all.
 */
async function profiledRun(
  options: PipelineBenchOptions,
  settings: BenchSettings,
  rest: readonly string[],
  pids: ServicePids,
  log: (line: string) => void,
): Promise<{ run: PipelineRunResult; latencyUrls: readonly string[] }> {
  const split =
    options.profileUrls <= 0 || options.profileUrls * 2 >= rest.length
      ? { profiled: rest, latency: rest }
      : { profiled: rest.slice(0, options.profileUrls), latency: rest.slice(options.profileUrls) };
  log(`profiled pipeline, 1 process per stage, ${split.profiled.length} URLs…`);
  const run = await runPipeline(settings, split.profiled, pids, 1, { profileDir: join(options.out, 'profiles') });
  return { run, latencyUrls: split.latency };
}

/** Open loop at half the best pipeline's pace (unless given), not profiled. */
function latencyRun(
  options: PipelineBenchOptions,
  settings: BenchSettings,
  urls: readonly string[],
  pids: ServicePids,
  pipelines: ReadonlyArray<{ pagesPerSecond: number }>,
  log: (line: string) => void,
): Promise<LatencyRunResult> {
  const rate = options.latencyRate || Math.max(1, Math.round(Math.max(...pipelines.map((p) => p.pagesPerSecond)) / 2));
  log(`latency: open loop at ${rate} URLs/s for ${options.latencySeconds} s…`);
  return runLatency(settings, urls, pids, {
    ratePerSecond: rate,
    seconds: options.latencySeconds,
    warmupSeconds: Math.min(10, options.latencySeconds / 4),
  });
}

function growthRun(options: PipelineBenchOptions, services: Services, log: (line: string) => void) {
  if (options.growthSizes.length === 0) return undefined;
  log(`dedupe growth at ${options.growthSizes.join(', ')} articles (cluster bench)…`);
  return runGrowth(services.redisUrl, options.growthSizes, join(options.out, 'growth.json'));
}

function corpusSummary(corpus: CorpusProcess): BenchReport['corpus'] {
  return {
    urls: corpus.urls.length,
    hosts: corpus.hosts.length,
    realPages: corpus.realPages,
    syndicatedGroups: corpus.syndicatedGroups,
    copies: corpus.copies,
  };
}

async function pipelineRuns(
  settings: BenchSettings,
  slices: PhaseSlices,
  pids: ServicePids,
  redis: Redis,
  log: (line: string) => void,
) {
  let documents: Array<Record<string, unknown>> = [];
  let commands: ReturnType<typeof callsPerItem> | undefined;
  const before = await commandCalls(redis);
  log(`pipeline, 1 process per stage, ${slices.a.length} URLs…`);
  const one = await runPipeline(settings, slices.a, pids, 1, {
    onFinished: async (context) => {
      commands = callsPerItem(before, await commandCalls(redis), slices.a.length);
      documents = await readIndexed(context.es, context.prefix);
    },
  });
  log(`  ${one.pagesPerSecond.toFixed(1)} pages/s; pipeline, 2 processes per stage, ${slices.b.length} URLs…`);
  const two = await runPipeline(settings, slices.b, pids, 2);
  log(`  ${two.pagesPerSecond.toFixed(1)} pages/s`);
  return { pipelines: [one, two], documents, commands: commands ?? { total: 0, top: [] } };
}

async function runFloors(
  options: PipelineBenchOptions,
  services: Services,
  jobs: number,
  pids: ServicePids,
  documents: ReadonlyArray<Record<string, unknown>>,
  log: (line: string) => void,
) {
  log('floors: queue, parse, bulk…');
  const queue = await queueFloor(services.redisUrl, jobs, options.concurrency, pids);
  const plan = planCorpus({ urls: options.urls, hosts: options.hosts });
  const parse = parseFloor(sampleIndices(plan.entries.length, options.sample), (index) => corpusPage(plan, index));
  const bulk = await bulkFloor(services.elasticsearchUrl, documents, pids);
  return { queue, parse, bulk };
}

async function runPeers(
  options: PipelineBenchOptions,
  urls: readonly string[],
  pids: ServicePids,
  log: (line: string) => void,
) {
  log(`peers: Crawlee CheerioCrawler on ${urls.length} URLs, Readability.js + jsdom…`);
  const urlsFile = join(options.out, 'urls.json');
  writeFileSync(urlsFile, JSON.stringify(urls));
  const crawlee = await runPeer<CrawleeResult>(
    'crawlee',
    join(PEERS, 'crawlee-peer.ts'),
    [urlsFile, String(options.concurrency), String(options.hostDelayMs)],
    pids,
  );
  const corpusOptions = JSON.stringify({ urls: options.urls, hosts: options.hosts });
  const extractors = await runPeer<ExtractorsResult>(
    'extractors',
    join(PEERS, 'readability-peer.ts'),
    [corpusOptions, String(options.sample)],
    pids,
  );
  return { crawlee, extractors };
}

/** Each stage's profile (written by its process at exit), with time per page. */
function stageProfiles(dir: string, run: PipelineRunResult): StageProfile[] {
  const files = profilesIn(dir);
  return STAGES.flatMap((stage) => {
    const pid = run.usage.find((u) => u.name === `${SERVICE_OF[stage]}#1`)?.pid;
    const file = files.find((f) => f.includes(`.${pid}.`));
    if (!file) return [];
    const summary = summarizeProfile(file, run.window);
    // index jobs carry up to a few hundred documents each: the index stage's pages are the documents indexed
    const pages = stage === 'index' ? run.accounting.indexed : run.completedByStage[stage];
    // V8 samples on a wall-clock timer, so on a loaded machine its times swell with waiting for a
    // core: shares come from the profile, milliseconds from the CPU /proc counted for the process
    const cpuSeconds = run.usage.find((u) => u.pid === pid)?.cpuSeconds ?? 0;
    return [{ stage, pages, cpuMsPerPage: (cpuSeconds * 1000) / Math.max(1, pages), ...summary }];
  });
}
