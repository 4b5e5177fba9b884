import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import iconv from 'iconv-lite';

/** A request as the server saw it: for pacing and robots assertions. */
export interface Hit {
  host: string;
  path: string;
  at: number;
  userAgent: string;
}

export interface BadServer {
  port: number;
  hits: Hit[];
  url(host: string, path: string): string;
  close(): Promise<void>;
}

const PAGE =
  '<!doctype html><html><head><title>Fine</title></head><body><article><p>A perfectly ordinary article.</p></article></body></html>';
const BOMB_SIZE = 64 * 1024 * 1024;
// Built once: 64 MiB of zeros shrinks to ~64 KiB gzip and a few hundred bytes of brotli.
const GZIP_BOMB = gzipSync(Buffer.alloc(BOMB_SIZE), { level: 9 });
const BROTLI_BOMB = brotliCompressSync(Buffer.alloc(BOMB_SIZE), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });

type Route = (req: IncomingMessage, res: ServerResponse, server: BadServer) => void;

const once = new Map<string, number>();
function nth(key: string): number {
  const count = (once.get(key) ?? 0) + 1;
  once.set(key, count);
  return count;
}

const html = (res: ServerResponse, body: string | Buffer, type = 'text/html; charset=utf-8'): void => {
  res.writeHead(200, { 'content-type': type, etag: '"v1"' });
  res.end(body);
};

const ROUTES: Record<string, Route> = {
  '/ok': (_req, res) => html(res, PAGE),
  // Only the spelling with the trailing slash exists (no redirect from the other one), as on some servers.
  '/only-with-slash/': (_req, res) => html(res, PAGE),
  '/slow-drip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => res.write('.'), 100);
    res.on('close', () => clearInterval(timer));
  },
  '/never-ending': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  },
  '/oversized': (_req, res) => html(res, Buffer.alloc(3 * 1024 * 1024, 'x')),
  '/gzip-bomb': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(GZIP_BOMB);
  },
  '/br-bomb': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
    res.end(BROTLI_BOMB);
  },
  '/gzip-ok': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(gzipSync(PAGE));
  },
  '/loop-a': (_req, res) => redirect(res, '/loop-b'),
  '/loop-b': (_req, res) => redirect(res, '/loop-a'),
  '/chain': (_req, res) => redirect(res, '/ok'),
  '/to-private-path': (_req, res) => redirect(res, '/private/x'),
  '/json': (_req, res) => html(res, '{"a":1}', 'application/json'),
  '/pdf': (_req, res) => html(res, '%PDF-1.4', 'application/pdf'),
  '/reset': (req) => req.socket.resetAndDestroy(),
  // Protocol faults: a 100 KB header (past undici's limit), bytes that are not HTTP, a status HTTP lacks.
  '/header-overflow': (_req, res) => void res.writeHead(200, { 'x-padding': 'a'.repeat(100_000) }).end(PAGE),
  '/not-http': (req) => req.socket.end('HTTP/1.1 2OO NOT OK\r\nwhat is this\r\n\r\n'),
  '/status-999': (_req, res) => void res.writeHead(999, { 'content-type': 'text/html' }).end(PAGE),
  '/reset-mid-body': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
    res.write('<html><body>half a page');
    setTimeout(() => req.socket.resetAndDestroy(), 50);
  },
  '/no-headers': () => undefined, // accepts the request and never answers
  '/status-404': (_req, res) => void res.writeHead(404).end('nope'),
  '/flaky-503': (req, res) =>
    nth(`${req.headers.host}/flaky`) === 1 ? void res.writeHead(503).end() : html(res, PAGE),
  '/rate-429': (req, res) =>
    nth(`${req.headers.host}/429`) === 1 ? void res.writeHead(429, { 'retry-after': '1' }).end() : html(res, PAGE),
  // Wrong and missing charsets: the bytes say one thing, the header another or nothing.
  '/cs/meta-only': (_req, res) =>
    html(
      res,
      iconv.encode(
        '<html><head><meta charset="shift_jis"><title>t</title></head><body><p>日本語のニュース</p></body></html>',
        'shift_jis',
      ),
      'text/html',
    ),
  '/cs/wrong-header-bom': (_req, res) =>
    html(
      res,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<html><body><p>Grüße aus Köln</p></body></html>')]),
      'text/html; charset=iso-8859-1',
    ),
  '/cs/none-koi8': (_req, res) =>
    html(
      res,
      iconv.encode(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body><p>Новости дня</p></body></html>',
        'koi8-r',
      ),
      'text/html',
    ),
  '/cs/bogus-header': (_req, res) =>
    html(
      res,
      iconv.encode(
        '<html><head><meta charset="windows-1252"></head><body><p>café – naïve</p></body></html>',
        'windows-1252',
      ),
      'text/html; charset=x-no-such-charset',
    ),
};

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

/** robots.txt behaviour by the first label of the Host name (site.test, robots500.test, …). */
function robots(req: IncomingMessage, res: ServerResponse): void {
  const label = (req.headers.host ?? '').split(/[.:]/)[0];
  if (label === 'robots500') return void res.writeHead(500).end();
  if (label === 'robotshang') return; // never answers
  if (label === 'disallow')
    return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n');
  if (label === 'crawldelay')
    return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: NewsflowBot\nCrawl-delay: 1\n');
  if (label === 'robotsbig') {
    const padding = '# padding line to make this robots.txt big enough to pass the limit\n'.repeat(
      Math.ceil((600 * 1024) / 68),
    );
    return void res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end(`User-agent: *\nDisallow: /early\n${padding}Disallow: /late\n`);
  }
  res.writeHead(404).end();
}

/** An HTTP server on 127.0.0.1 that misbehaves in every way the fetcher must survive. */
export async function startBadServer(extra: Record<string, Route> = {}): Promise<BadServer> {
  const hits: Hit[] = [];
  const server = createServer();
  const self: BadServer = {
    port: 0,
    hits,
    url: (host, path) => `http://${host}:${self.port}${path}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.push({
      host: req.headers.host ?? '',
      path,
      at: performance.timeOrigin + performance.now(),
      userAgent: req.headers['user-agent'] ?? '',
    });
    if (path === '/robots.txt') return robots(req, res);
    const route =
      extra[path] ??
      ROUTES[path] ??
      (path.startsWith('/page/') || path.startsWith('/late') || path.startsWith('/early') || path.startsWith('/private')
        ? ROUTES['/ok']
        : undefined);
    if (!route) return void res.writeHead(404).end();
    route(req, res, self);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.port = (server.address() as AddressInfo).port;
  return self;
}
