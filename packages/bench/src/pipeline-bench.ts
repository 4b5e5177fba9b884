// `npm run bench -- pipeline [options]` (or `node packages/bench/src/pipeline-bench.ts [options]`):
// the end-to-end benchmark of issue 18. Writes report.json and report.md under artifacts/ and
// prints the headline table. Redis and Elasticsearch come from @newsflow/devstack (REDIS_URL /
// ELASTICSEARCH_URL when set, else its own). --soak MINUTES runs the soak instead.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { startServices } from '@newsflow/devstack';
import { createEsClient } from '@newsflow/search';
import { startCorpusProcess } from './corpus/corpus-process.ts';
import { servicePids } from './measure/service-pids.ts';
import { USAGE, parseOptions } from './options.ts';
import type { PipelineBenchOptions } from './options.ts';
import { headline, headlineTable } from './report/headline.ts';
import { renderMarkdown } from './report/markdown.ts';
import { renderSoakMarkdown } from './report/soak-markdown.ts';
import { memoryPlot } from './report/svg-plot.ts';
import { runPipelineBench } from './run-bench.ts';
import type { Services } from './run-bench.ts';
import { runSoak } from './stages/soak.ts';

const REPO_ROOT = join(import.meta.dirname, '../../..');

async function bench(options: PipelineBenchOptions, services: Services, command: string): Promise<void> {
  const report = await runPipelineBench(options, services);
  writeFileSync(join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(options.out, 'report.md'), renderMarkdown(report, command));
  console.log(`\n${headlineTable(headline(report))}\n`);
  console.log(`report: ${join(options.out, 'report.md')} (JSON beside it, CPU profiles in profiles/)`);
}

async function soak(options: PipelineBenchOptions, services: Services, command: string): Promise<void> {
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
  const es = createEsClient(services.elasticsearchUrl);
  const urls = Math.max(options.urls, Math.ceil(options.soakRate * options.soakMinutes * 60));
  const corpus = await startCorpusProcess({ urls, hosts: options.hosts });
  try {
    const pids = { ...(await servicePids(redis, es)), corpus: corpus.pid } as Record<string, number>;
    const settings = { ...services, hostDelayMs: options.hostDelayMs, fetchConcurrency: options.concurrency };
    const startedAt = new Date().toISOString();
    const result = await runSoak(settings, corpus.urls, pids, {
      minutes: options.soakMinutes,
      ratePerSecond: options.soakRate,
      es,
    });
    const report = {
      startedAt,
      options,
      machine: { cpus: cpus().length, loadBefore: [], loadAfter: loadavg(), node: process.version },
      soak: result,
    };
    writeFileSync(join(options.out, 'soak.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(
      join(options.out, 'soak-memory.svg'),
      memoryPlot(result.samples, `Memory during the soak, ${options.soakRate} URLs/s`),
    );
    const markdown = renderSoakMarkdown(report, command);
    writeFileSync(join(options.out, 'soak.md'), markdown);
    console.log(`\n${markdown}\nreport: ${join(options.out, 'soak.md')}`);
  } finally {
    await corpus.stop();
    redis.disconnect();
    await es.close();
  }
}

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const options = parseOptions(argv);
options.out = resolve(REPO_ROOT, options.out);
mkdirSync(options.out, { recursive: true });
const command = `npm run bench -- pipeline${argv.length > 0 ? ` ${argv.join(' ')}` : ''}`;
const services = await startServices({ purpose: 'test' });
try {
  await (options.soakMinutes > 0 ? soak : bench)(options, services, command);
} finally {
  await services.stop();
}
