// `npm run bench [-- NAME... [--option value...]]`: every benchmark that prints the figures the
// issues name, one after another (never in parallel: they measure a 2-core machine), against real
// Redis and Elasticsearch provided by @newsflow/devstack. Each benchmark is its own script and can
// also be run alone. Arguments after the names (from the first one starting with "-") go to each
// selected benchmark, e.g. `npm run bench -- pipeline --quick`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServices } from '@newsflow/devstack';

interface Bench {
  name: string;
  what: string;
  script: string;
  args?: string[];
}

const BENCHES: Bench[] = [
  {
    name: 'extract',
    what: 'cleaner pages/s and per-page latency on the 181 benchmark pages',
    script: 'packages/extract/bench/extract-bench.ts',
  },
  {
    name: 'eval-extract',
    what: 'cleaner quality and speed beside Readability.js + jsdom',
    script: 'packages/extract/eval/eval-command.ts',
  },
  {
    name: 'fetch',
    what: 'fetcher pages/s with 1 and 2 processes, Redis memory per 1,000 pages in flight',
    script: 'services/fetcher/bench/fetch-bench.ts',
  },
  {
    name: 'cluster',
    what: 'dedupe Redis memory and time per document at 1k, 10k, 100k documents',
    script: 'packages/cluster/bench/cluster-bench.ts',
  },
  {
    name: 'stories',
    what: 'story assigner time per article at 10k and 100k articles, beside the copy store in the same run',
    script: 'packages/cluster/bench/story-bench.ts',
  },
  {
    name: 'index',
    what: 'indexer docs/s beside raw client.helpers.bulk',
    script: 'services/indexer/bench/index-bench.ts',
  },
  {
    name: 'clusters',
    what: 'the pipeline (2 processes per stage) on one Redis + one Elasticsearch vs a Redis Cluster + 3 Elasticsearch nodes, same run',
    script: 'packages/e2e/bench/cluster-throughput.ts',
  },
  {
    name: 'pipeline',
    what: 'all four stages as processes: pages/s, enqueue→searchable latency, stages alone, floors, Crawlee and Readability peers, CPU and memory per process, profiles',
    script: 'packages/bench/src/pipeline-bench.ts',
  },
];

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('-'));
const wanted = firstOption === -1 ? args : args.slice(0, firstOption);
const forwarded = firstOption === -1 ? [] : args.slice(firstOption);
const unknown = wanted.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHES.map((bench) => bench.name).join(', ')}`);
  process.exit(2);
}
const selected = BENCHES.filter((bench) => wanted.length === 0 || wanted.includes(bench.name));

const services = await startServices({ purpose: 'test' });
let failures = 0;
try {
  for (const bench of selected) {
    console.log(`\n=== bench ${bench.name}: ${bench.what}`);
    const script = join(root, bench.script);
    if (!existsSync(script)) {
      console.log(`    not built yet: ${bench.script}`);
      failures++;
      continue;
    }
    const result = spawnSync(process.execPath, [script, ...(bench.args ?? []), ...forwarded], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...services.env },
    });
    if (result.status !== 0) failures++;
  }
} finally {
  await services.stop();
}
process.exitCode = failures === 0 ? 0 : 1;
