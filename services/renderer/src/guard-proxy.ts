import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect, isIP } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { SsrfBlockedError, guardedLookup, isAddressAllowed, systemResolver } from '@newsflow/fetcher';
import type { AllowList, Resolver } from '@newsflow/fetcher';

export interface GuardProxyOptions {
  allow: AllowList;
  connectTimeoutMs: number;
  /** Bytes the browser may receive through this proxy; past it every connection is cut. */
  maxBytes: number;
  resolver?: Resolver;
}

export interface GuardProxy {
  /** `http://127.0.0.1:<port>`, for Chromium's proxy setting. */
  url: string;
  bytesIn: () => number;
  /** Connections refused by the SSRF guard (a page that tried an internal address). */
  refused: () => number;
  overBudget: () => boolean;
  close: () => Promise<void>;
}

/**
 * The browser's only way out. Chromium sends every request through this proxy (CONNECT for https
 * and WebSockets, absolute-form requests for plain http); the proxy dials the target itself with
 * the fetcher's SSRF guard: a name resolves through guardedLookup (every record checked against
 * the allow-list on the port about to be dialled), an IP literal is checked before dialling, and
 * the connected socket's peer once more before the first byte goes through. Redirects are new
 * requests from the browser, so each hop is checked the same way.
 */
export async function startGuardProxy(options: GuardProxyOptions): Promise<GuardProxy> {
  const state = { bytesIn: 0, refused: 0 };
  const sockets = new Set<Duplex>();
  const dial = (host: string, port: number) => dialGuarded(host, port, options).catch(countRefusal(state));
  const server = createServer((req, res) => void forwardPlain(req, res, dial, options, state));
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    void tunnel(req, client, head, dial, options, state);
  });
  // ws:// through an HTTP proxy is tunnelled with CONNECT by Chromium; a plain Upgrade is refused.
  server.on('upgrade', (_req, client: Duplex) => client.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesIn: () => state.bytesIn,
    refused: () => state.refused,
    overBudget: () => state.bytesIn > options.maxBytes,
    close: () => closeServer(server, sockets),
  };
}

type Dial = (host: string, port: number) => Promise<Socket>;
interface ProxyState {
  bytesIn: number;
  refused: number;
}

function countRefusal(state: ProxyState): (error: unknown) => never {
  return (error) => {
    if (error instanceof SsrfBlockedError) state.refused += 1;
    throw error;
  };
}

/** Connects to host:port only if the guard allows it; resolves once the peer itself is checked. */
export function dialGuarded(host: string, port: number, options: GuardProxyOptions): Promise<Socket> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return Promise.reject(new SsrfBlockedError());
  if (isIP(bare) !== 0 && !isAddressAllowed(bare, bare, options.allow, port))
    return Promise.reject(new SsrfBlockedError());
  const lookup = guardedLookup(options.allow, port, options.resolver ?? systemResolver);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: bare, port, lookup, timeout: options.connectTimeoutMs });
    socket.once('timeout', () => socket.destroy(new Error(`connect timeout to ${host}:${port}`)));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeListener('error', reject);
      if (isAddressAllowed(socket.remoteAddress ?? '', bare, options.allow, socket.remotePort ?? 0))
        return resolve(socket);
      socket.destroy();
      reject(new SsrfBlockedError());
    });
  });
}

/** `CONNECT host:port`: https, wss and anything else Chromium tunnels. */
async function tunnel(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  dial: Dial,
  options: GuardProxyOptions,
  state: ProxyState,
) {
  client.on('error', () => client.destroy());
  const target = parseAuthority(req.url ?? '');
  const upstream = target ? await dial(target.host, target.port).catch(() => null) : null;
  if (!upstream || state.bytesIn > options.maxBytes) {
    upstream?.destroy();
    client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  upstream.on('error', () => client.destroy());
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
  client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length > 0) upstream.write(head);
  upstream.on('data', (chunk: Buffer) => {
    state.bytesIn += chunk.length;
    if (state.bytesIn > options.maxBytes) return void upstream.destroy();
    client.write(chunk);
  });
  client.pipe(upstream);
}

/** Plain `GET http://host/path`: forwarded on a guarded socket, never following redirects itself. */
async function forwardPlain(
  req: IncomingMessage,
  res: ServerResponse,
  dial: Dial,
  options: GuardProxyOptions,
  state: ProxyState,
) {
  const target = parseAbsoluteHttp(req.url ?? '');
  const socket = target ? await dial(target.hostname, Number(target.port) || 80).catch(() => null) : null;
  if (!target || !socket || state.bytesIn > options.maxBytes) {
    socket?.destroy();
    // A reset, not a 403: the page sees a network error, as it would for an unreachable host.
    return void req.socket.destroy();
  }
  const headers = { ...req.headers };
  delete headers['proxy-connection'];
  delete headers['proxy-authorization'];
  const upstream = httpRequest({
    method: req.method,
    path: `${target.pathname}${target.search}`,
    headers,
    createConnection: () => socket,
  });
  upstream.on('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.on('data', (chunk: Buffer) => {
      state.bytesIn += chunk.length;
      if (state.bytesIn > options.maxBytes) return void res.destroy();
      res.write(chunk);
    });
    answer.on('end', () => res.end());
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

function parseAuthority(authority: string): { host: string; port: number } | null {
  const match = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(authority);
  return match ? { host: match[1]!, port: Number(match[2]) } : null;
}

function parseAbsoluteHttp(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

async function closeServer(server: ReturnType<typeof createServer>, sockets: Set<Duplex>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
