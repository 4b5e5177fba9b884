import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { REFUSED_TARGET, systemResolver } from '../src/net/ssrf-guard.ts';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

/*
 * Issue 11 finding 2: with only 127.0.0.1:<allowed> allow-listed, no route may open a TCP
 * connection to another loopback port (the listener below counts every accept), and every
 * refusal reads the same whether that port is open or closed.
 */

let allowed: BadServer;
let robotsRedirector: HttpServer;
let robotsPort = 0;
let forbidden: Server;
let forbiddenPort = 0;
let closedPort = 0;
let accepts = 0;
let harness: Harness;

const listen = async <T extends Server | HttpServer>(server: T): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

before(async () => {
  forbidden = createServer((socket) => {
    accepts++;
    socket.destroy();
  });
  forbiddenPort = await listen(forbidden);
  const probe = createServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  const to = (host: string, path: string): string => `http://${host}:${forbiddenPort}${path}`;
  allowed = await startBadServer({
    '/to-forbidden': (_req, res) => void res.writeHead(302, { location: to('localhost', '/x') }).end(),
    '/feed.xml': (_req, res) =>
      void res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<rss version="2.0"><channel><title>f</title><item><link>${to('localhost', '/a')}</link></item>` +
            `<item><link>${to('127.0.0.1', '/b')}</link></item></channel></rss>`,
        ),
    '/index.xml': (_req, res) =>
      void res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(`<sitemapindex><sitemap><loc>${to('localhost', '/sitemap.xml')}</loc></sitemap></sitemapindex>`),
  });
  robotsRedirector = createHttpServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(302, { location: to('localhost', '/robots.txt') }).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>never reached</p></body></html>');
  });
  robotsPort = await listen(robotsRedirector);
  harness = await startHarness(
    { FETCH_ALLOW_PRIVATE: `127.0.0.1:${allowed.port},127.0.0.1:${robotsPort}` },
    { resolver: systemResolver },
  );
});

after(async () => {
  await harness.close();
  await allowed.close();
  robotsRedirector.closeAllConnections();
  await new Promise((resolve) => robotsRedirector.close(resolve));
  await new Promise((resolve) => forbidden.close(resolve));
});

/** Waits until the fetch queue has nothing left to do (children of feeds and sitemaps included). */
async function drained(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const counts = await harness.stage.queues.fetch.getJobCounts('wait', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((count) => count === 0)) return;
    assert.ok(Date.now() < deadline, `fetch queue never drained: ${JSON.stringify(counts)}`);
    await sleep(50);
  }
}

void test('no route reaches a loopback port that is not allow-listed, and all refusals read the same', async () => {
  const direct = [
    `http://localhost:${forbiddenPort}/x`,
    `http://LOCALHOST:${forbiddenPort}/upper`,
    `http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54:${forbiddenPort}/fullwidth`,
    `http://127.0.0.1:${forbiddenPort}/literal`,
    `http://[::ffff:127.0.0.1]:${forbiddenPort}/mapped`,
    `http://localhost:${closedPort}/closed`,
    allowed.url('127.0.0.1', '/to-forbidden'),
    `http://127.0.0.1:${robotsPort}/page`,
  ];
  for (const url of direct) await harness.submit(url);
  await harness.submit(allowed.url('127.0.0.1', '/feed.xml'), {}, undefined, 'feed');
  await harness.submit(allowed.url('127.0.0.1', '/index.xml'), {}, undefined, 'sitemap');
  const control = await harness.submit(allowed.url('127.0.0.1', '/ok'));
  await drained();
  assert.equal(accepts, 0, 'a TCP connection reached the forbidden port');
  assert.equal((await harness.waitFor(control)).state, 'completed', 'the allow-listed port itself still works');
  const failed = await harness.stage.queues.fetch.getFailed();
  // 8 direct + 2 feed items + 1 nested sitemap, each refused with one and the same text.
  assert.equal(failed.length, direct.length + 3, failed.map((job) => `${job.data.url} ${job.failedReason}`).join('\n'));
  assert.deepEqual(new Set(failed.map((job) => job.failedReason)), new Set([`ssrf-blocked: ${REFUSED_TARGET}`]));
});
