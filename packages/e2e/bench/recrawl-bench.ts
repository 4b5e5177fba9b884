// `node packages/e2e/bench/recrawl-bench.ts [--articles 1000]`: the cost of one re-crawl cycle per
// 1,000 articles. The four stages run as processes on a private Redis (port 7310, so INFO
// commandstats counts only the pipeline) and the shared Elasticsearch behind a counting proxy. N
// pages that never change, N that change once and N whose only change is a timestamp line are
// indexed; then the schedule's entries of one
// kind are made due now (one ZADD, instead of waiting the hour of RECRAWL_SCHEDULE) and the cycle
// is measured until it is done: CPU of the four stage processes (/proc utime + stime), Redis
// commands, Elasticsearch requests. An idle window of the same processes first gives the
// background rate (BullMQ's blocking polls, the poll and re-crawl ticks), subtracted from each case.
// Redis commands are INFO commandstats calls: every command run inside a Lua script counts too.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { identityOf, redisKeys } from '@newsflow/contracts';
import { metricsKeys } from '@newsflow/runtime';
import { createEsClient, indexNames } from '@newsflow/search';
import { spawnPipeline, startHttpFaultProxy, uniquePrefix, waitFor } from '@newsflow/testkit';
import type { RunningPipeline } from '@newsflow/testkit';
import { startChangingSite } from '../src/recrawl/changing-site.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000' } } });
const N = Number(values.articles);
const REDIS_PORT = 7310; // this engineer's range (7300-7399)
const STAGES = ['fetcher', 'cleaner', 'dedupe', 'indexer'] as const;
const ES_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';

interface Reading {
  at: number;
  cpuMs: Record<string, number>;
  redisCalls: number;
  byCommand: Map<string, number>;
  esRequests: number;
}

const redisServer = spawn('redis-server', [
  ...['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  ...['--maxmemory-policy', 'noeviction'],
]);
const redis = new Redis(REDIS_PORT, '127.0.0.1', { maxRetriesPerRequest: null });
await waitFor('the private Redis', async () => ((await redis.ping().catch(() => '')) === 'PONG' ? true : undefined));
const proxy = await startHttpFaultProxy(ES_URL);
const es = createEsClient(ES_URL);
const site = await startChangingSite();
const prefix = uniquePrefix('recrawl-bench');
const names = indexNames(prefix);
const keys = redisKeys(prefix);
let pipeline: RunningPipeline | undefined;

try {
  pipeline = await spawnPipeline({
    env: {
      REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
      ELASTICSEARCH_URL: proxy.url,
      NEWSFLOW_QUEUE_PREFIX: prefix,
      NEWSFLOW_INDEX_PREFIX: prefix,
      FETCH_ALLOW_PRIVATE: '127.0.0.1',
      FETCH_HOST_DELAY_MS: '0',
      FETCH_HOST_CONCURRENCY: '16',
      FETCH_CONCURRENCY: '16',
      RECRAWL_SCHEDULE: '1h',
      RECRAWL_TICK_MS: '500',
      INTAKE_MAX_BACKLOG: '0',
      LOG_LEVEL: 'error',
    },
  });
  const stable = range(N).map((i) => site.url(`/stable/${i}`));
  const edited = range(N).map((i) => site.url(`/edited/${i}`));
  const stamped = range(N).map((i) => site.url(`/stamped/${i}`));
  const beforeFirst = await read(pipeline);
  await submit(pipeline.apiUrl, [...stable, ...edited, ...stamped]);
  await waitFor(
    'every page indexed and scheduled',
    async () => {
      const indexed = await countDocs();
      return indexed >= 3 * N && (await redis.hlen(keys.recrawlEntries)) >= 3 * N ? true : undefined;
    },
    30 * 60_000,
    1_000,
  );
  await sleep(3_000);
  const firstFetch = delta(beforeFirst, await read(pipeline));
  const scheduleBytes = await memoryOf([keys.recrawlEntries, keys.recrawlDue]);
  const idle = await measureIdle(pipeline, 10_000);
  const notModified = await measureCycle(pipeline, stable, async () =>
    site.all().filter((request) => request.status === 304).length >= N ? true : undefined,
  );
  const changed = await measureCycle(pipeline, edited, async () => ((await countDocs(2)) >= N ? true : undefined));
  const unchanged = await measureCycle(pipeline, stamped, async () =>
    (await skippedAtIndex()) >= N ? true : undefined,
  );
  console.log(
    `re-crawl cycle, ${N} articles per case (load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  console.log(`schedule in Redis: ${(scheduleBytes / (3 * N)).toFixed(0)} bytes/article`);
  console.log(
    `idle background: ${rate(idle.redisCalls, idle.seconds)} Redis commands/s, ` +
      `${rate(idle.esRequests, idle.seconds)} ES requests/s, ${rate(idle.cpuMs, idle.seconds)} CPU ms/s (subtracted below)`,
  );
  report('first fetch, for scale', firstFetch, 3 * N, idle);
  report('re-crawl answered 304', notModified, N, idle);
  report('re-crawl changed (new version)', changed, N, idle);
  report('re-crawl 200 but only a timestamp changed (no version)', unchanged, N, idle);
} finally {
  await pipeline?.stop();
  await site.close();
  await proxy.close();
  await es.indices.delete({ index: `${prefix}-v*` }).catch(() => undefined);
  await es.indices.delete({ index: names.history }).catch(() => undefined);
  await es.indices.deleteIndexTemplate({ name: names.templateName }).catch(() => undefined);
  await es.close();
  redis.disconnect();
  redisServer.kill('SIGTERM');
}

type Delta = ReturnType<typeof delta>;

/** Per 1,000 articles, the idle background of the same duration taken out (per stage: raw). */
function report(label: string, result: Delta, articles: number, idle: Delta): void {
  const scale = 1000 / articles;
  const net = (value: number, idleValue: number) =>
    Math.max(0, value - (idleValue * result.seconds) / idle.seconds) * scale;
  const stages = STAGES.map((stage) => `${stage} ${(result.byStage[stage]! * scale).toFixed(0)}`).join(', ');
  console.log(
    `${label}: ${result.seconds.toFixed(1)} s for ${articles}; per 1,000 articles ${net(result.cpuMs, idle.cpuMs).toFixed(0)} CPU ms ` +
      `(${stages}), ${net(result.redisCalls, idle.redisCalls).toFixed(0)} Redis commands, ` +
      `${net(result.esRequests, idle.esRequests).toFixed(0)} ES requests`,
  );
  const top = result.topCommands.map(([name, calls]) => `${name} ${(calls * scale).toFixed(0)}`).join(', ');
  console.log(`  most called (raw, per 1,000): ${top}`);
}

async function measureIdle(running: RunningPipeline, ms: number) {
  const start = await read(running);
  await sleep(ms);
  return delta(start, await read(running));
}

/** Makes these articles' entries due now, waits for `done`, then a grace for the last completions and metrics flushes. */
async function measureCycle(running: RunningPipeline, urls: string[], done: () => Promise<true | undefined>) {
  const now = Date.now();
  const members = urls.flatMap((url) => [String(now), identityOf(url).docId]);
  await redis.zadd(keys.recrawlDue, 'XX', ...members);
  const start = await read(running);
  await waitFor('the re-crawl cycle', done, 30 * 60_000, 250);
  await sleep(3_000);
  return delta(start, await read(running));
}

async function read(running: RunningPipeline): Promise<Reading> {
  const cpuMs = Object.fromEntries(STAGES.map((stage) => [stage, cpuMsOf(running.processes.get(stage)!.pid!)]));
  const byCommand = await commandCalls();
  const redisCalls = [...byCommand.values()].reduce((sum, calls) => sum + calls, 0);
  return { at: Date.now(), cpuMs, redisCalls, byCommand, esRequests: proxy.counts().pass ?? 0 };
}

function delta(start: Reading, end: Reading) {
  const byStage = Object.fromEntries(STAGES.map((stage) => [stage, end.cpuMs[stage]! - start.cpuMs[stage]!]));
  return {
    seconds: (end.at - start.at) / 1000,
    byStage,
    cpuMs: Object.values(byStage).reduce((sum, ms) => sum + ms, 0),
    // the INFO call of each reading is one command of ours
    redisCalls: end.redisCalls - start.redisCalls - 1,
    esRequests: end.esRequests - start.esRequests,
    topCommands: [...end.byCommand]
      .map(([name, calls]) => [name, calls - (start.byCommand.get(name) ?? 0)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6),
  };
}

/** utime + stime of a process, in ms (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Calls per command since the server started (INFO commandstats; EVALSHA covers every Lua script). */
async function commandCalls(): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  return new Map([...info.matchAll(/cmdstat_([\w|]+):calls=(\d+)/g)].map((match) => [match[1]!, Number(match[2])]));
}

async function memoryOf(names: string[]): Promise<number> {
  const sizes = await Promise.all(names.map((key) => redis.memory('USAGE', key)));
  return sizes.reduce<number>((sum, size) => sum + Number(size ?? 0), 0);
}

/** Re-crawls the indexer left unwritten, from the shared metrics hash (read once per poll). */
async function skippedAtIndex(): Promise<number> {
  const counters = await redis.hgetall(metricsKeys(prefix).counters);
  return Object.entries(counters)
    .filter(([field]) => field.includes('recrawl-unchanged'))
    .reduce((sum, [, value]) => sum + Number(value), 0);
}

async function countDocs(version?: number): Promise<number> {
  await es.indices.refresh({ index: names.readAlias }).catch(() => undefined);
  const query = version === undefined ? { match_all: {} } : { term: { version } };
  const response = await es.count({ index: names.readAlias, query }).catch(() => ({ count: 0 }));
  return response.count;
}

async function submit(apiUrl: string, urls: string[]): Promise<void> {
  for (let i = 0; i < urls.length; i += 500) {
    const response = await fetch(`${apiUrl}/api/urls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(urls.slice(i, i + 500)),
    });
    if (response.status !== 202) throw new Error(`POST /api/urls answered ${response.status}`);
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function rate(value: number, seconds: number): string {
  return (value / seconds).toFixed(1);
}
