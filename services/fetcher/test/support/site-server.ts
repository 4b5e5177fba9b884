import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status?: number;
  type?: string;
  body: string;
  etag?: string;
}
export type Route = Answer | ((request: IncomingMessage) => Answer);

export interface SiteServer {
  port: number;
  url(host: string, path: string): string;
  /** Requests seen, as "host path". */
  hits: string[];
  close(): Promise<void>;
}

/** Loopback HTTP server answering by Host name (without port) and path; anything else is a 404. */
export async function startSiteServer(sites: Record<string, Record<string, Route>>): Promise<SiteServer> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const path = request.url ?? '/';
    hits.push(`${host} ${path}`);
    const route = sites[host]?.[path];
    const answer = typeof route === 'function' ? route(request) : route;
    if (!answer) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    if (answer.etag && request.headers['if-none-match'] === answer.etag) return void response.writeHead(304).end();
    const headers: Record<string, string> = { 'content-type': answer.type ?? 'text/html; charset=utf-8' };
    if (answer.etag) headers.etag = answer.etag;
    response.writeHead(answer.status ?? 200, headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    hits,
    url: (host, path) => `http://${host}:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An RSS feed listing these URLs. */
export function rssOf(urls: readonly string[]): string {
  const items = urls.map((url, i) => `<item><title>Item ${i}</title><link>${url}</link></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;
}
