import type { IncomingMessage, ServerResponse } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import type { BadServer } from './bad-server.ts';

type Route = (req: IncomingMessage, res: ServerResponse, server: BadServer) => void;

const redirectTo =
  (location: (self: BadServer) => string): Route =>
  (_req, res, self) =>
    void res.writeHead(302, { location: location(self) }).end();

const xml = (res: ServerResponse, body: string): void =>
  void res.writeHead(200, { 'content-type': 'application/xml' }).end(body);

const CANONICAL_CLAIM = (self: BadServer): string =>
  `<!doctype html><html><head><title>Claim</title><link rel="canonical" href="${self.url('site.test', '/page/victim-c')}"></head>` +
  '<body><article><p>A page that says it is another page.</p></article></body></html>';

const XXE_FEED =
  '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
  '<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><link>http://site.test/&xxe;</link></item></channel></rss>';

const LAUGHS = Array.from({ length: 9 }, (_, n) =>
  n === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${n} "${`&lol${n - 1};`.repeat(10)}">`,
).join('');
const LAUGHS_FEED = `<?xml version="1.0"?><!DOCTYPE rss [${LAUGHS}]><rss version="2.0"><channel><title>&lol8;</title><item><title>&lol8;</title><link>http://site.test/&lol8;</link></item></channel></rss>`;

// Two layers of gzip: 64 MiB of zeros, each layer small; a limit on one layer alone would miss it.
const DOUBLE_GZIP = gzipSync(gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }), { level: 9 });
const DEFLATE_BOMB = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });

/** The routes the hostile catalogue's fetch section names, on top of the bad server's own. */
export const HOSTILE_ROUTES: Record<string, Route> = {
  '/to-loopback': redirectTo((self) => `http://127.0.0.1:${self.port}/ok`),
  '/to-metadata': redirectTo(() => 'http://169.254.169.254/latest/'),
  '/to-decimal': redirectTo(() => 'http://2852039166/latest/'),
  '/to-file': redirectTo(() => 'file:///etc/passwd'),
  '/to-compat': redirectTo((self) => `http://[::127.0.0.1]:${self.port}/ok`),
  '/to-rebind': redirectTo((self) => self.url('rebind.test', '/ok')),
  '/to-javascript': redirectTo(() => 'javascript:alert(1)'),
  '/to-gopher': redirectTo((self) => `gopher://site.test:${self.port}/`),
  '/redirect-claim': redirectTo((self) => self.url('site.test', '/page/victim-r')),
  '/canonical-claim': (_req, res, self) =>
    void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(CANONICAL_CLAIM(self)),
  '/to-userinfo': redirectTo((self) => `http://site.test:${self.port}@127.0.0.1:${self.port}/ok`),
  '/to-protocol-relative': redirectTo((self) => `//127.0.0.1:${self.port}/ok`),
  '/to-mapped-metadata': redirectTo(() => 'http://[::ffff:169.254.169.254]/latest/'),
  '/double-gzip': (_req, res) =>
    void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip, gzip' }).end(DOUBLE_GZIP),
  '/deflate-bomb': (_req, res) =>
    void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }).end(DEFLATE_BOMB),
  // Declares 10 GB, sends a little, then nothing.
  '/huge-length': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 * 1024 ** 3) });
    res.write('<html>');
  },
  '/xxe.xml': (_req, res) => xml(res, XXE_FEED),
  '/laughs.xml': (_req, res) => xml(res, LAUGHS_FEED),
  '/huge-sitemap.xml': (_req, res, self) =>
    xml(
      res,
      `<urlset>${Array.from({ length: 60_000 }, (_, n) => `<url><loc>${self.url('site.test', `/page/s${n}`)}</loc></url>`).join('')}</urlset>`,
    ),
  '/wide-index.xml': (_req, res, self) =>
    xml(
      res,
      `<sitemapindex>${Array.from({ length: 500 }, (_, n) => `<sitemap><loc>${self.url('site.test', `/m/${n}.xml`)}</loc></sitemap>`).join('')}</sitemapindex>`,
    ),
};
