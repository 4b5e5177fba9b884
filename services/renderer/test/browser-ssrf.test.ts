// Issue 16: a page that makes Chromium reach for loopback, private or metadata addresses, in any
// spelling and by any route (subresources, frames, fetch/XHR, WebSocket, a DNS name resolving to
// loopback, a redirect), opens zero connections to a listening forbidden port.
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { after, before, test } from 'node:test';
import { systemResolver } from '@newsflow/fetcher';
import type { Resolver } from '@newsflow/fetcher';
import { startTestRenderer } from './support/renderer-config.ts';
import type { TestRenderer } from './support/renderer-config.ts';

let forbidden: Server;
let forbiddenPort = 0;
let accepts = 0;
let site: HttpServer;
let sitePort = 0;
let renderer: TestRenderer;

const listen = async <T extends Server | HttpServer>(server: T): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

/** Names a hostile DNS answers with loopback: the proxy must check the address, not the name. */
const rebinding: Resolver = async (hostname) =>
  hostname.endsWith('.rebind.test') ? [{ address: '127.0.0.1', family: 4 }] : systemResolver(hostname);

function forbiddenTargets(port: number): string[] {
  return [
    `http://127.0.0.1:${port}/`,
    `http://localhost:${port}/`,
    `http://localhost.:${port}/`,
    `http://127.1:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f.0.0.1:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://0.0.0.0:${port}/`,
    `https://127.0.0.1:${port}/`,
    `http://evil.rebind.test:${port}/`,
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://10.0.0.1/',
    'http://192.168.1.1/',
  ];
}

function hostilePage(port: number): string {
  const targets = JSON.stringify(forbiddenTargets(port));
  const tags = forbiddenTargets(port)
    .slice(0, 6)
    .map((url) => `<link rel="stylesheet" href="${url}css"><img src="${url}img"><iframe src="${url}frame"></iframe>`)
    .join('\n');
  return `<!doctype html><html><head><title>hostile</title>${tags}
<script>
const targets = ${targets};
const attempt = (p) => p.then(() => 'reached', () => 'refused');
const xhr = (url) => new Promise((ok, no) => { const r = new XMLHttpRequest(); r.open('GET', url); r.onload = ok; r.onerror = no; r.send(); });
const ws = (url) => new Promise((ok, no) => { const s = new WebSocket(url); s.onopen = ok; s.onerror = no; });
// Playwright's serviceWorkers: 'block' makes register() resolve with no registration.
const sw = navigator.serviceWorker ? navigator.serviceWorker.register('http://127.0.0.1:${port}/sw.js') : Promise.reject();
const probes = targets.flatMap((url) => [attempt(fetch(url, { mode: 'no-cors' })), attempt(xhr(url))]);
probes.push(attempt(ws('ws://127.0.0.1:${port}/')), attempt(ws('ws://evil.rebind.test:${port}/')), attempt(sw.then((registration) => { if (!registration) throw 0; })));
probes.push(attempt(fetch('/redirect', { mode: 'no-cors' })), attempt(fetch('/ok').then((r) => r.text()).then((t) => { if (t !== 'ok') throw 0; })));
Promise.all(probes).then((results) => {
  const p = document.createElement('p'); p.id = 'results'; p.textContent = results.join(','); document.body.append(p);
});
</script></head><body><h1>hostile page</h1></body></html>`;
}

before(async () => {
  forbidden = createServer((socket) => {
    accepts++;
    socket.destroy();
  });
  forbiddenPort = await listen(forbidden);
  site = createHttpServer((req, res) => {
    if (req.url === '/ok') return void res.end('ok');
    if (req.url === '/redirect')
      return void res.writeHead(302, { location: `http://127.0.0.1:${forbiddenPort}/` }).end();
    if (req.url === '/go-away')
      return void res.writeHead(302, { location: `http://localhost:${forbiddenPort}/` }).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(hostilePage(forbiddenPort));
  });
  sitePort = await listen(site);
  renderer = startTestRenderer({ FETCH_ALLOW_PRIVATE: [`127.0.0.1:${sitePort}`] }, { resolver: rebinding });
});

after(async () => {
  await renderer.close();
  site.close();
  forbidden.close();
});

test('the forbidden listener counts connections (the check below can fail)', async () => {
  await new Promise<void>((resolve, reject) => {
    const socket = connect(forbiddenPort, '127.0.0.1', () => resolve());
    socket.on('error', reject);
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(accepts, 1);
  accepts = 0;
});

test('a hostile page reaches its allowed origin and nothing forbidden', async () => {
  const page = await renderer.render(`http://127.0.0.1:${sitePort}/`);
  const results = /<p id="results">([^<]*)<\/p>/.exec(page.html)?.[1]?.split(',');
  assert.ok(results, 'the page script ran to the end');
  assert.equal(results.at(-1), 'reached', 'the allowed origin itself is reachable through the proxy');
  const reached = results.slice(0, -1).flatMap((r, i) => (r === 'refused' ? [] : [i]));
  assert.deepEqual(reached, [], 'every forbidden probe failed in the page');
  assert.ok(page.refused > 0, 'the guard proxy refused the attempts');
  assert.equal(accepts, 0, 'no connection reached the forbidden port');
});

test('a page that redirects to loopback is refused with zero connections', async () => {
  await assert.rejects(renderer.render(`http://127.0.0.1:${sitePort}/go-away`), /ssrf-blocked|network/);
  await assert.rejects(renderer.render(`http://127.0.0.1:${forbiddenPort}/`), /ssrf-blocked/);
  await assert.rejects(renderer.render(`http://evil.rebind.test:${forbiddenPort}/`), /ssrf-blocked/);
  await assert.rejects(renderer.render('file:///etc/passwd'), /invalid-url/);
  assert.equal(accepts, 0);
});
