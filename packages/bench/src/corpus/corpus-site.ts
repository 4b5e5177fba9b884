import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderPage, siteStyle } from './chrome.ts';
import { pathOf, planCorpus, storyOf, teasersFor } from './corpus-plan.ts';
import type { CorpusPlan } from './corpus-plan.ts';
import { loadSourcePages } from './source-pages.ts';

export interface CorpusOptions {
  /** distinct URLs to serve */
  urls: number;
  /** host names (loopback addresses 127.0.1.1, 127.0.1.2, …), all on one port */
  hosts: number;
  seed?: number;
}

export interface CorpusSite {
  /** every URL, in the order to submit them (hosts interleaved) */
  urls: string[];
  hosts: string[];
  plan: CorpusPlan;
  /** the bytes served for the URL at `index` (for in-process floors and peers) */
  pageAt(index: number): Buffer;
  /** requests answered so far, robots.txt included */
  requests(): number;
  stop(): Promise<void>;
}

/** The loopback address of host number `host`: 127.0.1.1 … 127.0.1.250, then 127.0.2.1 … */
export function hostAddress(host: number): string {
  return `127.0.${1 + Math.floor(host / 250)}.${1 + (host % 250)}`;
}

/** Renders the page of entry `index` (real pages byte for byte, stories in their host's chrome). */
export function corpusPage(plan: CorpusPlan, index: number): Buffer {
  const entry = plan.entries[index];
  if (!entry) throw new RangeError(`corpus: no URL number ${index}`);
  if (entry.kind === 'real') return loadSourcePages().realPages[entry.page]?.html ?? Buffer.alloc(0);
  return Buffer.from(renderPage(siteStyle(entry.host), storyOf(entry), teasersFor(index, plan)));
}

/**
 * Starts the corpus site: one HTTP listener per host name, on loopback only, all sharing a port.
 * Reusable by any suite that needs "N URLs over M hosts" of real-looking news pages.
 */
export async function startCorpusSite(options: CorpusOptions): Promise<CorpusSite> {
  if (options.hosts < 1 || options.hosts > 250 * 250) throw new RangeError('corpus: hosts must be 1..62500');
  const plan = planCorpus(options);
  const hosts = Array.from({ length: options.hosts }, (_, host) => hostAddress(host));
  let requests = 0;
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    requests++;
    answer(plan, request, response);
  };
  const { servers, port } = await listenOnAll(hosts, handler);
  const urls = plan.entries.map((entry, index) => `http://${hosts[entry.host]}:${port}${pathOf(plan, index)}`);
  return {
    urls,
    hosts,
    plan,
    pageAt: (index) => corpusPage(plan, index),
    requests: () => requests,
    stop: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}

function answer(plan: CorpusPlan, request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path === '/robots.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end(ROBOTS);
  const index = Number(/-(\d+)\.html$/.exec(path)?.[1] ?? -1);
  const entry = plan.entries[index];
  const host = (request.socket.localAddress ?? '').replace(/^::ffff:/, '');
  if (!entry || hostAddress(entry.host) !== host) return void response.writeHead(404).end('not found');
  // real pages keep their own charset declaration: no charset in the header, as many servers do
  response.writeHead(200, { 'content-type': 'text/html' }).end(corpusPage(plan, index));
}

const ROBOTS = 'User-agent: *\nAllow: /\n';

async function listenOnAll(
  hosts: string[],
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ servers: Server[]; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const servers: Server[] = [];
    try {
      let port = 0;
      for (const host of hosts) {
        const server = createServer({ keepAliveTimeout: 30_000 }, handler);
        servers.push(server);
        await listen(server, host, port);
        port = (server.address() as AddressInfo).port;
      }
      return { servers, port };
    } catch (error) {
      await Promise.all(servers.map(closeServer));
      // another process holds the port on one of the addresses: pick another port
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
