import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const WORDS =
  'the minister said on tuesday that talks would resume after a week of strikes across the region while markets fell and analysts warned of further delays in the budget vote'.split(
    ' ',
  );

/** A news-like page of about `kb` KiB: varied words so it compresses like real HTML (≈ 3-4×). */
export function articleHtml(id: number, kb: number): string {
  let seed = id * 2654435761;
  const next = (): number => (seed = (seed * 1103515245 + 12345) >>> 0);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < kb * 1024) {
    const words = Array.from({ length: 60 }, () => WORDS[next() % WORDS.length]).join(' ');
    const paragraph = `<p class="body-text">${words} (${next() % 10_000}).</p>`;
    paragraphs.push(paragraph);
    size += paragraph.length;
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story ${id}</title></head><body><nav><a href="/">Home</a></nav><article><h1>Story ${id}</h1>${paragraphs.join('\n')}</article></body></html>`;
}

/** Serves /article/N on 127.0.0.1 (robots.txt 404: everything allowed). */
export async function startBenchSite(kb: number): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const match = /^\/article\/(\d+)$/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(Number(match[1]), kb));
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
