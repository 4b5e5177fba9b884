import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { USER_AGENT, authorizationFromEnv } from '../api-client.ts';
import type { Api } from '../api-client.ts';
import { DEFAULT_API_URL, apiFor, printJson } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { escapeForTerminal } from '../terminal-safe.ts';

interface IngestStatus {
  id: string;
  state: 'running' | 'done' | 'failed';
  source: string;
  read: number;
  kept: number;
  skipped: Record<string, number>;
  recordsPerSecond: number;
  megabytesPerSecond: number;
  error?: string;
}

interface WarcOptions {
  host?: string[];
  pattern?: string[];
  from?: string;
  to?: string;
  interval: number;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `newsflow warc FILE|URL…`: archives into the clean stage, with progress until each is read. */
export function registerWarc(program: Command): void {
  program
    .command('warc')
    .description('ingest WARC / WARC.gz archives (local files are uploaded, URLs fetched by the API) and show progress')
    .argument('<archives...>', 'local paths or http(s) URLs of .warc / .warc.gz files')
    .option('--host <host>', 'keep only this host and its subdomains (repeatable)', collect)
    .option('--pattern <glob>', 'keep only URLs matching this glob, * for any characters (repeatable)', collect)
    .option('--from <iso-date>', 'keep pages fetched at or after this time')
    .option('--to <iso-date>', 'keep pages fetched before this time')
    .option('--interval <seconds>', 'seconds between progress lines', Number, 1)
    .option('--json', 'print each final status as JSON')
    .action(async (archives: string[], options: WarcOptions, command: Command) => {
      const api = apiFor(command);
      const failed: string[] = [];
      for (const archive of archives) {
        const status = /^https?:\/\//i.test(archive)
          ? await ingestUrl(api, archive, options)
          : await ingestFile(api, command, archive, options);
        if (options.json) printJson(status);
        else process.stdout.write(`${progressLine(status)}\n`);
        if (status.state === 'failed') failed.push(`${archive}: ${escapeForTerminal(status.error ?? 'failed')}`);
      }
      if (failed.length) throw new CliError(EXIT.rejected, failed.join('\n'));
    });
}

async function ingestUrl(api: Api, url: string, options: WarcOptions): Promise<IngestStatus> {
  const body = { urls: [url], ...filterOf(options) };
  const { ingests } = await api<{ ingests: Array<{ id: string }> }>('POST', '/api/warc', body);
  const id = ingests[0]!.id;
  for (;;) {
    const status = await api<IngestStatus>('GET', `/api/warc/${id}`);
    if (status.state !== 'running') return status;
    if (!options.json) process.stderr.write(`${progressLine(status)}\n`);
    await sleep(options.interval * 1000);
  }
}

/** Streams the file as the request body while following its status resource, named by us up front. */
async function ingestFile(api: Api, command: Command, path: string, options: WarcOptions): Promise<IngestStatus> {
  await stat(path).catch(() => {
    throw new CliError(EXIT.usage, `no such file: ${path}`);
  });
  const id = randomUUID();
  const finished = upload(command, path, id, options);
  let done = false;
  void finished.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    await Promise.race([sleep(options.interval * 1000), finished.catch(() => undefined)]);
    if (done || options.json) continue;
    const status = await api<IngestStatus>('GET', `/api/warc/${id}`).catch(() => undefined);
    if (status?.state === 'running') process.stderr.write(`${progressLine(status)}\n`);
  }
  return finished;
}

async function upload(command: Command, path: string, id: string, options: WarcOptions): Promise<IngestStatus> {
  const { api } = command.optsWithGlobals<{ api?: string }>();
  const query = new URLSearchParams({ id });
  for (const host of options.host ?? []) query.append('host', host);
  for (const pattern of options.pattern ?? []) query.append('pattern', pattern);
  if (options.from) query.set('from', options.from);
  if (options.to) query.set('to', options.to);
  const url = new URL(`/api/warc?${query}`, api ?? process.env.NEWSFLOW_API_URL ?? DEFAULT_API_URL);
  const authorization = authorizationFromEnv(process.env);
  const headers: Record<string, string> = { 'content-type': 'application/warc', 'user-agent': USER_AGENT };
  if (authorization) headers.authorization = authorization;
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  const response = await fetch(url, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
  const answer = (await response.json()) as IngestStatus & { message?: string };
  if (response.status === 200 || response.status === 422) return answer;
  throw new CliError(
    response.status >= 500 ? EXIT.unavailable : EXIT.rejected,
    escapeForTerminal(answer.message ?? `HTTP ${response.status}`),
  );
}

function filterOf(options: WarcOptions) {
  return {
    ...(options.host ? { hosts: options.host } : {}),
    ...(options.pattern ? { urlPatterns: options.pattern } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  };
}

export function progressLine(status: IngestStatus): string {
  const skipped = Object.values(status.skipped).reduce((sum, count) => sum + count, 0);
  const reasons = Object.entries(status.skipped)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  return (
    `${escapeForTerminal(status.source)} ${status.state}: read ${status.read}, kept ${status.kept}, skipped ${skipped}` +
    `${reasons ? ` (${escapeForTerminal(reasons)})` : ''}, ${status.recordsPerSecond} records/s, ${status.megabytesPerSecond} MB/s`
  );
}
