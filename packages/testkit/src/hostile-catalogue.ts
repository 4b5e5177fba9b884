/*
 * The hostile-input catalogue (issue 11): what an attacker or a hostile website sends, each with the
 * outcome it must have. Data only, one section per surface, each run by that surface's suite:
 *   fetch   services/fetcher/test/hostile-catalogue.test.ts (a real fetch worker on Redis and BullMQ,
 *           a real misbehaving HTTP server on loopback)
 *   intake, search, auth, pages   services/api/test/hostile-catalogue.test.ts (the real API server
 *           over real HTTP, on real Redis and Elasticsearch, with HOSTILE_DOCUMENTS indexed)
 *   cli     packages/cli/test/hostile-catalogue.test.ts (the real CLI as a child process against it)
 */

/** A URL given to the fetcher. `{port}` is the hostile server's port, `{closed}` a loopback port nobody listens on. */
export interface FetchCase {
  name: string;
  /** What is submitted as the URL to fetch. Only site.test is allow-listed; every *.test name resolves to 127.0.0.1. */
  url: string;
  /** Final state and reason code (the failed job's "reason:" prefix; '' for a completed job). */
  expect: { state: 'completed' | 'failed'; reason: string };
  /** Attempts the job may use: permanent failures must fail on the first. */
  attempts?: number;
  /** The job kind: an article fetch (default) or a discovery job expanding a feed or a sitemap. */
  kind?: 'fetch' | 'feed' | 'sitemap';
  /** An article went on to the cleaner: not silently skipped as a copy of some other URL. */
  cleaned?: boolean;
  /** A discovery job added at most this many jobs (the runner caps discovery at 50 URLs, 5 child sitemaps). */
  enqueuesAtMost?: number;
}

/** A body given as a pattern, so megabytes of it need not be written out. */
export interface Repeated {
  repeat: string;
  times: number;
  before?: string;
  after?: string;
}

/** An HTTP request to the API server and what it must answer. */
export interface HttpCase {
  name: string;
  /** open: loopback without credentials; guarded: API_TOKEN and API_BASIC_AUTH set, as any bind beyond loopback must be. */
  server: 'open' | 'guarded';
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'OPTIONS';
  /** `{doc:KEY}` is the docId of a HOSTILE_DOCUMENTS entry, `{story}` their story id. Sent as is, never normalised. */
  path: string;
  /** `{token}` and `{basic}` stand for the guarded server's bearer token and base64 basic credentials. */
  headers?: Record<string, string>;
  body?: string | Repeated;
  /** Bytes written to a socket as they are, for requests no HTTP client sends; `{host}` is the server's host:port. */
  raw?: string;
  expect: {
    status: number;
    /** RegExp sources the body must match, and must not match. */
    body?: string;
    notBody?: string;
    /** RegExp sources per response header; an absent header reads as ''. */
    headers?: Record<string, string>;
    /** Fetch jobs the request added. */
    queued?: number;
    /** Answered within this many milliseconds. */
    withinMs?: number;
  };
}

/** A CLI command printing server data written by an attacker, and the visible escape that must show instead. */
export interface CliCase {
  name: string;
  /** `{story}` as in HttpCase. */
  args: string[];
  /** RegExp source stdout and stderr together must match (the control characters themselves never appear). */
  shows: string;
  /** The exit code (default 0). */
  exitCode?: number;
}

const ESC = '\u001b';
const SCRIPT = '<script>window.pwned=1</script>';

/** Attacker-written text, as a hostile page would get it indexed. */
export const HOSTILE_TEXT = {
  title: `Harbour ${SCRIPT}<img src=x onerror=alert(1)> "quoted" 'single' & more`,
  siteName: '"><svg onload=alert(2)>Outlet',
  author: '</title><script>alert(3)</script>',
  body: `Harbour pwned body with ${SCRIPT} and <iframe src=javascript:alert(4)> in its text.`,
  terminalTitle:
    `Quarterly ${ESC}]0;owned window\u0007harbour ${ESC}[2J${ESC}[31mreport ` +
    `${ESC}]8;;https://evil.example/${ESC}\\click me${ESC}]8;;${ESC}\\ \u202Eexe.txt\u202C \u009B32m done\r\nfake line ` +
    `tag\u{E0069}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}end \uFFF9annotated\uFFFB`,
  terminalOutlet: `${ESC}[5mBlinking${ESC}[0m Outlet`,
} as const;

/** Documents the API and CLI runners index before their cases, all in one story (`{story}`). */
export interface HostileDocument {
  key: string;
  url: string;
  /** Stored as the document's url and finalUrl instead of the normalised url (which still gives its docId). */
  storedUrl?: string;
  title: string;
  siteName: string;
  authors: readonly string[];
  body: string | Repeated;
}

export const HOSTILE_DOCUMENTS: readonly HostileDocument[] = [
  {
    key: 'xss',
    url: 'https://hostile.example/xss',
    title: HOSTILE_TEXT.title,
    siteName: HOSTILE_TEXT.siteName,
    authors: [HOSTILE_TEXT.author],
    body: HOSTILE_TEXT.body,
  },
  {
    key: 'terminal',
    url: 'https://hostile.example/terminal',
    title: HOSTILE_TEXT.terminalTitle,
    siteName: HOSTILE_TEXT.terminalOutlet,
    authors: [],
    body: 'Quarterly terminal text.',
  },
  // An index written by something other than this pipeline: a stored URL that is script, not a page.
  {
    key: 'script-url',
    url: 'https://hostile.example/script-url',
    storedUrl: 'javascript:alert(document.domain)//',
    title: 'Harbour script link',
    siteName: 'Script Outlet',
    authors: [],
    body: 'Harbour text behind a script link.',
  },
  // Finding 1: over index.highlight.max_analyzed_offset (1,000,000), under the 5 MiB page cap.
  {
    key: 'long',
    url: 'https://hostile.example/long',
    title: 'A very long harbour report',
    siteName: 'Long Outlet',
    authors: [],
    body: { repeat: 'harbour report words ', times: 60_000 },
  },
];
export const HOSTILE_STORY = 'story-hostile-catalogue';

const refused = { state: 'failed', reason: 'ssrf-blocked' } as const;
const invalid = { state: 'failed', reason: 'invalid-url' } as const;
const completed = { state: 'completed', reason: '' } as const;
const LONG_URL = `https://long.example/${'a'.repeat(9000)}`;

/** Cases that must fail on their first attempt with this outcome, as [name, url] rows. */
const failAtOnce = (expect: FetchCase['expect'], rows: ReadonlyArray<readonly [string, string]>): FetchCase[] =>
  rows.map(([name, url]) => ({ name, url, expect, attempts: 1 }));

/** URLs and what hostile servers answer them with (findings 2, 5, 6, 7 and the first paragraph). */
const FETCH: readonly FetchCase[] = [
  // Addresses that are never public, in the spellings WHATWG URL accepts.
  { name: 'loopback literal', url: 'http://127.0.0.1:{port}/ok', expect: refused, attempts: 1 },
  { name: 'loopback, decimal', url: 'http://2130706433:{port}/ok', expect: refused, attempts: 1 },
  { name: 'loopback, hex', url: 'http://0x7f.0.0.1:{port}/ok', expect: refused, attempts: 1 },
  { name: 'loopback, octal', url: 'http://0177.0.0.1:{port}/ok', expect: refused, attempts: 1 },
  { name: 'loopback, short form', url: 'http://127.1:{port}/ok', expect: refused, attempts: 1 },
  { name: 'unspecified 0.0.0.0', url: 'http://0.0.0.0:{port}/ok', expect: refused, attempts: 1 },
  { name: 'IPv6 loopback', url: 'http://[::1]:{port}/ok', expect: refused, attempts: 1 },
  { name: 'IPv4-mapped IPv6 loopback', url: 'http://[::ffff:127.0.0.1]:{port}/ok', expect: refused, attempts: 1 },
  { name: 'IPv4-compatible IPv6 loopback', url: 'http://[::127.0.0.1]:{port}/ok', expect: refused, attempts: 1 },
  { name: 'IPv4-compatible IPv6 metadata', url: 'http://[::169.254.169.254]/latest', expect: refused, attempts: 1 },
  { name: 'cloud metadata', url: 'http://169.254.169.254/latest/meta-data/', expect: refused, attempts: 1 },
  { name: 'Azure wireserver', url: 'http://168.63.129.16/', expect: refused, attempts: 1 },
  { name: 'private 10/8', url: 'http://10.0.0.1/', expect: refused, attempts: 1 },
  { name: 'private 192.168/16', url: 'http://192.168.1.1/', expect: refused, attempts: 1 },
  { name: 'carrier-grade NAT', url: 'http://100.64.0.1/', expect: refused, attempts: 1 },
  { name: 'link-local IPv6', url: 'http://[fe80::1]/', expect: refused, attempts: 1 },
  { name: 'unique-local IPv6', url: 'http://[fc00::1]/', expect: refused, attempts: 1 },
  { name: 'NAT64 of metadata', url: 'http://[64:ff9b::a9fe:a9fe]/', expect: refused, attempts: 1 },
  {
    name: 'allow-listed name on a closed port: robots.txt unreachable, retried later',
    url: 'http://site.test:{closed}/',
    expect: { state: 'failed', reason: 'robots-unavailable' },
  },
  // Schemes and URL forms that must never be fetched.
  { name: 'file scheme', url: 'file:///etc/passwd', expect: invalid, attempts: 1 },
  { name: 'gopher scheme', url: 'gopher://site.test:{port}/', expect: invalid, attempts: 1 },
  { name: 'ftp scheme', url: 'ftp://site.test:{port}/', expect: invalid, attempts: 1 },
  { name: 'javascript scheme', url: 'javascript:alert(1)', expect: invalid, attempts: 1 },
  { name: 'data scheme', url: 'data:text/html,<script>alert(1)</script>', expect: invalid, attempts: 1 },
  { name: 'credentials in the URL', url: 'http://user:pass@site.test:{port}/ok', expect: invalid, attempts: 1 },
  // Redirects somewhere they must not lead.
  { name: 'redirect to loopback literal', url: 'http://site.test:{port}/to-loopback', expect: refused, attempts: 1 },
  { name: 'redirect to metadata', url: 'http://site.test:{port}/to-metadata', expect: refused, attempts: 1 },
  { name: 'redirect to decimal metadata', url: 'http://site.test:{port}/to-decimal', expect: refused, attempts: 1 },
  { name: 'redirect to a file URL', url: 'http://site.test:{port}/to-file', expect: invalid, attempts: 1 },
  { name: 'redirect to IPv4-compatible IPv6', url: 'http://site.test:{port}/to-compat', expect: refused, attempts: 1 },
  {
    name: 'redirect loop',
    url: 'http://site.test:{port}/loop-a',
    expect: { state: 'failed', reason: 'too-many-redirects' },
    attempts: 1,
  },
  // Bodies built to exhaust memory or time.
  ...failAtOnce({ state: 'failed', reason: 'too-large' }, [
    ['gzip bomb', 'http://site.test:{port}/gzip-bomb'],
    ['brotli bomb', 'http://site.test:{port}/br-bomb'],
    ['endless body', 'http://site.test:{port}/never-ending'],
    ['oversized body', 'http://site.test:{port}/oversized'],
  ]),
  ...failAtOnce({ state: 'failed', reason: 'not-html' }, [
    ['a PDF posing as an article', 'http://site.test:{port}/pdf'],
  ]),
  // Broken HTTP (finding 7): permanent at once, not ten minutes of retries.
  ...failAtOnce({ state: 'failed', reason: 'protocol-error' }, [
    ['header overflow', 'http://site.test:{port}/header-overflow'],
    ['bytes that are not HTTP', 'http://site.test:{port}/not-http'],
    ['status 999', 'http://site.test:{port}/status-999'],
  ]),
  // A control: the same server, a plain page.
  {
    name: 'an ordinary page is fetched',
    url: 'http://site.test:{port}/ok',
    expect: { state: 'completed', reason: '' },
  },
  // What a careful attacker tries next: other spellings, names that resolve inward, tricks in the URL itself.
  ...failAtOnce(refused, [
    ['a name resolving to loopback (DNS rebinding)', 'http://rebind.test:{port}/ok'],
    ['IPv4-mapped IPv6 in hex', 'http://[::ffff:7f00:1]:{port}/ok'],
    ['IPv6 unspecified', 'http://[::]:{port}/ok'],
    ['6to4 of loopback', 'http://[2002:7f00:1::]:{port}/ok'],
    ['ideographic full stops in a loopback literal', 'http://127。0。0。1:{port}/ok'],
    ['loopback literal with a trailing dot', 'http://127.0.0.1.:{port}/ok'],
    ['the address 0', 'http://0:{port}/ok'],
    ['fullwidth digits of metadata', 'http://１６９.２５４.１６９.２５４/latest'],
    ['redirect to a rebinding name', 'http://site.test:{port}/to-rebind'],
    ['protocol-relative redirect to loopback', 'http://site.test:{port}/to-protocol-relative'],
    ['redirect to IPv4-mapped metadata', 'http://site.test:{port}/to-mapped-metadata'],
  ]),
  ...failAtOnce(invalid, [
    ['allow-listed name with userinfo pointing inward', 'http://site.test:{port}@127.0.0.1/ok'],
    ['redirect to javascript:', 'http://site.test:{port}/to-javascript'],
    ['redirect to gopher:', 'http://site.test:{port}/to-gopher'],
    ['redirect to a URL with userinfo', 'http://site.test:{port}/to-userinfo'],
  ]),
  ...failAtOnce({ state: 'failed', reason: 'too-large' }, [
    ['two layers of gzip (a bomb inside a bomb)', 'http://site.test:{port}/double-gzip'],
    ['deflate bomb', 'http://site.test:{port}/deflate-bomb'],
    ['a declared length of 10 GB', 'http://site.test:{port}/huge-length'],
  ]),
  ...failAtOnce({ state: 'failed', reason: 'http-4xx' }, [
    [
      'backslash before @ keeps the allow-listed host (WHATWG): a 404 there, nothing inward',
      'http://site.test:{port}\\@rebind.test/page/backslash',
    ],
  ]),
  {
    name: 'raw CRLF in a URL is dropped by the parser, never sent as a header',
    url: 'http://site.test:{port}/page/crlf\r\nX-Injected: 1',
    expect: completed,
  },
  // Finding 5: a page's claim about another URL never makes that URL vanish (each claim runs before its victim).
  ...[
    ['a page claiming rel=canonical to a victim', '/canonical-claim'],
    ['the canonical victim is still fetched', '/page/victim-c'],
    ['a page redirecting to a victim', '/redirect-claim'],
    ['the redirect victim is still fetched', '/page/victim-r'],
  ].map(([name = '', path = '']): FetchCase => ({
    name,
    url: `http://site.test:{port}${path}`,
    expect: completed,
    cleaned: true,
  })),
  // Feeds and sitemaps built to explode (finding 6, XXE, billion laughs).
  {
    name: 'XXE feed: a DOCTYPE with an external entity is not read as a feed',
    url: 'http://site.test:{port}/xxe.xml',
    kind: 'feed',
    expect: { state: 'failed', reason: 'not-a-feed' },
    attempts: 1,
    enqueuesAtMost: 0,
  },
  {
    name: 'billion-laughs feed',
    url: 'http://site.test:{port}/laughs.xml',
    kind: 'feed',
    expect: completed,
    enqueuesAtMost: 1,
  },
  {
    name: 'sitemap bomb: 60,000 URLs in one sitemap',
    url: 'http://site.test:{port}/huge-sitemap.xml',
    kind: 'sitemap',
    expect: completed,
    enqueuesAtMost: 50,
  },
  {
    name: 'sitemap index of 500 child sitemaps',
    url: 'http://site.test:{port}/wide-index.xml',
    kind: 'sitemap',
    expect: completed,
    enqueuesAtMost: 5,
  },
];

const json = { 'content-type': 'application/json' };

/** A GET and what it must answer. */
const get = (server: HttpCase['server'], name: string, path: string, expect: HttpCase['expect']): HttpCase => ({
  name,
  server,
  path,
  expect,
});

/** A POST and what it must answer. */
const post = (
  server: HttpCase['server'],
  name: string,
  path: string,
  sent: Pick<HttpCase, 'headers' | 'body'>,
  expect: HttpCase['expect'],
): HttpCase => ({ name, server, method: 'POST', path, ...sent, expect });

/** Plain GETs where only the status matters, as [name, path, status] rows. */
const gets = (server: HttpCase['server'], rows: ReadonlyArray<readonly [string, string, number]>): HttpCase[] =>
  rows.map(([name, path, status]) => ({ name, server, path, expect: { status } }));
const text = { 'content-type': 'text/plain' };
/** An error body names the problem, never the server's insides (stack frames, index names, ES exception types). */
const NO_INSIDES = String.raw`node_modules|\.ts:\d|nf-t[0-9a-z]|_exception|max_analyzed_offset`;

/** POST /api/urls and the other request bodies: size, shape and parser abuse. */
const INTAKE: readonly HttpCase[] = [
  ...(
    [
      ['a one-element JSON array', `["${LONG_URL}"]`, json],
      ['{"urls": [...]}', `{"urls":["${LONG_URL}"]}`, json],
      ['{"urls": "..."}, a string where a list belongs', `{"urls":"${LONG_URL}"}`, json],
      ['a JSON string', `"${LONG_URL}"`, json],
      ['text/plain', LONG_URL, text],
    ] as const
  ).map(([form, body, headers]): HttpCase => ({
    name: `a 9,000-character URL as ${form} is refused (finding 7)`,
    server: 'open',
    method: 'POST',
    path: '/api/urls',
    headers,
    body,
    expect: { status: 400, queued: 0, notBody: NO_INSIDES },
  })),
  // The other intake paths: the same limits whatever path and body form a URL comes by.
  ...(
    [
      ['/api/feeds', `{"url":["${LONG_URL}"]}`],
      ['/api/sitemaps', `{"url":["${LONG_URL}"]}`],
      ['/api/sites', `{"url":["${LONG_URL}"]}`],
      ['/api/sources', `{"kind":"feed","url":["${LONG_URL}"]}`],
    ] as const
  ).map(([path, body]): HttpCase => ({
    name: `a 9,000-character URL as a one-element list on ${path}`,
    server: 'open',
    method: 'POST',
    path,
    headers: json,
    body,
    expect: { status: 400, queued: 0, notBody: NO_INSIDES },
  })),
  ...(
    [
      ['/api/feeds', 'a text/plain body', text, 'https://feed.example/rss'],
      ['/api/feeds', 'a javascript: URL', json, '{"url":"javascript:alert(1)"}'],
      ['/api/sitemaps', 'a file: URL', json, '{"url":"file:///etc/passwd"}'],
      ['/api/sites', 'a gopher: URL', json, '{"url":"gopher://127.0.0.1:6379/_FLUSHALL"}'],
      ['/api/sources', 'a kind named __proto__', json, '{"kind":"__proto__","url":"https://proto.example/"}'],
      ['/api/feeds', 'a __proto__ key', json, '{"url":"https://proto.example/rss","__proto__":{"polluted":"yes"}}'],
      [
        '/api/feeds',
        'a re-read every minute (hammering a host)',
        json,
        '{"url":"https://feed.example/rss","everyMinutes":1}',
      ],
      [
        '/api/sitemaps',
        'a re-read interval of a trillion minutes',
        json,
        '{"url":"https://sm.example/s.xml","everyMinutes":1e12}',
      ],
    ] as const
  ).map(([path, what, headers, body]): HttpCase => ({
    name: `${what} on ${path} is refused`,
    server: 'open',
    method: 'POST',
    path,
    headers,
    body,
    expect: { status: 400, queued: 0, notBody: NO_INSIDES },
  })),
  post(
    'open',
    '1,001 URLs in one request',
    '/api/urls',
    { headers: text, body: { repeat: 'https://many.example/x\n', times: 1001 } },
    { status: 413, queued: 0 },
  ),
  post(
    'open',
    'a body over the 1 MiB limit',
    '/api/urls',
    { headers: text, body: { repeat: '#'.repeat(1023) + '\n', times: 1100 } },
    { status: 413, queued: 0 },
  ),
  post(
    'open',
    'a __proto__ key (prototype pollution)',
    '/api/urls',
    { headers: json, body: '{"__proto__":{"polluted":"yes"},"urls":["https://proto.example/a"]}' },
    { status: 400, queued: 0 },
  ),
  post(
    'open',
    'a constructor.prototype key (prototype pollution)',
    '/api/urls',
    { headers: json, body: '{"constructor":{"prototype":{"polluted":"yes"}},"urls":["https://proto.example/b"]}' },
    { status: 400, queued: 0 },
  ),
  post(
    'open',
    'a __proto__ key in a saved search',
    '/api/saved-searches',
    { headers: json, body: '{"__proto__":{"polluted":"yes"},"name":"p","query":{"q":"a"}}' },
    { status: 400 },
  ),
  post(
    'open',
    'JSON nested 100,000 deep',
    '/api/urls',
    { headers: json, body: { repeat: '[', times: 100_000 } },
    { status: 400, queued: 0, withinMs: 2000, notBody: NO_INSIDES },
  ),
  post(
    'open',
    'a list of things that are not strings',
    '/api/urls',
    { headers: json, body: '[1, {}, null, ["https://nested.example/"]]' },
    { status: 400, queued: 0 },
  ),
  post(
    'open',
    'malformed JSON answers without a stack trace',
    '/api/urls',
    { headers: json, body: '{"urls": ["https://a.example/"' },
    { status: 400, queued: 0, notBody: NO_INSIDES },
  ),
  post('open', 'an empty JSON body', '/api/urls', { headers: json, body: '' }, { status: 400, queued: 0 }),
  post(
    'open',
    'a form-encoded body',
    '/api/urls',
    { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'urls=https%3A%2F%2Fform.example%2F' },
    { status: 415, queued: 0 },
  ),
  post(
    'open',
    '100,000 blank lines',
    '/api/urls',
    { headers: text, body: { repeat: '\r\n', times: 100_000 } },
    { status: 400, queued: 0, withinMs: 2000 },
  ),
  post(
    'open',
    'a CRLF in a text body splits lines, it never becomes a response header',
    '/api/urls',
    { headers: text, body: 'https://crlf.example/a\r\nSet-Cookie: owned=1' },
    { status: 202, queued: 1, headers: { 'set-cookie': '^$' }, body: 'Set-Cookie: owned=1' },
  ),
  post(
    'open',
    'a bidi override in a URL is percent-encoded, never stored raw',
    '/api/urls',
    { headers: json, body: '["https://bidi.example/\u202Egnp.exe"]' },
    { status: 202, queued: 1, body: '%E2%80%AEgnp\\.exe', notBody: '\u202E' },
  ),
  post(
    'open',
    'a homograph host is kept in punycode',
    '/api/urls',
    { headers: json, body: '["https://аррӏе.example/login"]' },
    { status: 202, queued: 1, body: 'xn--' },
  ),
  post(
    'open',
    'fullwidth letters in the scheme',
    '/api/urls',
    { headers: json, body: '["ｈｔｔｐｓ://fullwidth.example/"]' },
    { status: 400, queued: 0 },
  ),
  post(
    'open',
    'a file: URL',
    '/api/urls',
    { headers: json, body: '["file:///etc/passwd"]' },
    { status: 400, queued: 0 },
  ),
  post(
    'open',
    'a host of 4,000 labels is refused at once (longer than DNS allows, no backtracking)',
    '/api/urls',
    { headers: text, body: { before: 'https://', repeat: 'a.', times: 4000, after: 'example/' } },
    { status: 400, queued: 0, withinMs: 2000 },
  ),
  post(
    'open',
    'a host label of 64 characters (over the DNS limit)',
    '/api/urls',
    { headers: json, body: `["https://${'b'.repeat(64)}.example/"]` },
    { status: 400, queued: 0, body: 'longer than DNS allows' },
  ),
  {
    name: 'Content-Length and Transfer-Encoding together (request smuggling)',
    server: 'open',
    raw: 'POST /api/urls HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/stats HTTP/1.1\r\nHost: {host}\r\n\r\n',
    path: '/api/urls',
    expect: { status: 400, queued: 0 },
  },
  {
    name: 'two different Content-Length headers',
    server: 'open',
    raw: 'POST /api/urls HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nContent-Length: 30\r\n\r\nhttps://smuggle.example/a',
    path: '/api/urls',
    expect: { status: 400, queued: 0 },
  },
  {
    name: 'a bare LF inside a header value',
    server: 'open',
    raw: 'GET /api/stats HTTP/1.1\r\nHost: {host}\r\nX-Note: a\nSet-Cookie: owned=1\r\n\r\n',
    path: '/api/stats',
    expect: { status: 400, headers: { 'set-cookie': '^$' } },
  },
  {
    name: 'a NUL byte in a header',
    server: 'open',
    raw: 'GET /api/stats HTTP/1.1\r\nHost: {host}\r\nX-Note: a\u0000b\r\n\r\n',
    path: '/api/stats',
    expect: { status: 400 },
  },
  {
    name: 'a CORS preflight from another site is not granted',
    server: 'open',
    method: 'OPTIONS',
    path: '/api/urls',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    expect: { status: 404, headers: { 'access-control-allow-origin': '^$' } },
  },
];

/** /api/search: user text is only ever a query value, filters only plain values. */
const SEARCH: readonly HttpCase[] = [
  ...(
    [
      ['field syntax', 'title:secret OR body:*'],
      ['raw query DSL', '{"script":{"source":"1"}}'],
      ['a lone wildcard', '*'],
      ['a Lucene regex', '/.*/'],
      ['fuzzy operators', 'harbour~2 "a b"~5'],
      ['250 unbalanced parentheses', '('.repeat(250)],
      ['250 unbalanced quotes', '"'.repeat(250)],
      ['a prefix on one letter', 'h*'],
      ['zero-width and bidi characters', 'har\u200Bbour \u202Eruobrah'],
    ] as const
  ).map(([what, q]): HttpCase => ({
    name: `${what} in q is searched as text`,
    server: 'open',
    path: `/api/search?q=${encodeURIComponent(q)}`,
    expect: { status: 200, body: '"groups"', notBody: NO_INSIDES, withinMs: 3000 },
  })),
  get('open', 'q over 500 characters', `/api/search?q=${'a'.repeat(501)}`, { status: 400, notBody: NO_INSIDES }),
  ...gets('open', [
    ['q given twice', '/api/search?q=a&q=b', 400],
    ['a page size of 10,000', '/api/search?size=10000', 400],
    ['deep paging past 10,000 hits', '/api/search?page=101&size=100', 400],
    ['date math in a date filter', '/api/search?from=now-1y', 400],
    ['a failed-jobs listing of a million', '/api/failed?limit=1000000', 400],
  ]),
  get('open', 'a wildcard domain filter matches nothing', '/api/search?domain=*', { status: 200, body: '"total":0' }),
  get(
    'open',
    'unknown parameters (sort by script, _source) are refused',
    '/api/search?q=harbour&sort=_script&_source=false&script=1',
    { status: 400, body: 'additional properties', notBody: NO_INSIDES },
  ),
  get(
    'open',
    'a __proto__ query parameter',
    '/api/search?__proto__[polluted]=yes&constructor[prototype][polluted]=yes',
    { status: 400, body: 'additional properties' },
  ),
  get('open', 'a result page holding a 1.2M-character article (finding 1)', '/api/search?q=harbour%20report', {
    status: 200,
    body: 'A very long harbour report',
    notBody: NO_INSIDES,
  }),
  get('open', 'no parameters, with the long article on the first page (finding 1)', '/api/search', {
    status: 200,
    body: '"groups"',
    notBody: NO_INSIDES,
  }),
  get('open', 'a failed-jobs listing for a queue that does not exist', '/api/failed?queue=__proto__', {
    status: 400,
    notBody: NO_INSIDES,
  }),
  ...['..', '.', '_search', '_all'].map((id): HttpCase => ({
    name: `article id "${id}" reaches no other Elasticsearch endpoint`,
    server: 'open',
    path: `/api/articles/${id}`,
    expect: { status: 404, notBody: NO_INSIDES },
  })),
];

const bearer = { authorization: 'Bearer {token}' };

/** Credentials on every surface beyond loopback; Host checks against DNS rebinding on loopback. */
const AUTH: readonly HttpCase[] = [
  ...[
    '/api/search',
    '/api/stats',
    '/api/failed',
    '/dashboard',
    '/dashboard/',
    '/dashboard/api/queues',
    '/metrics',
    '/openapi.json',
    '/',
    '/stories/{story}',
    '/articles/{doc:xss}',
    '/assets/app.js',
  ].map((path): HttpCase => ({
    name: `${path} without credentials`,
    server: 'guarded',
    path,
    expect: { status: 401, headers: { 'www-authenticate': '^Basic' }, notBody: 'Harbour|pwned' },
  })),
  post(
    'guarded',
    'POST /api/urls without credentials',
    '/api/urls',
    { headers: text, body: 'https://noauth.example/a' },
    { status: 401, queued: 0 },
  ),
  ...(['HEAD', 'OPTIONS'] as const).map((method): HttpCase => ({
    name: `${method} /api/stats without credentials`,
    server: 'guarded',
    method,
    path: '/api/stats',
    expect: { status: 401 },
  })),
  ...['bearer', 'BEARER', 'bEaReR'].map((scheme): HttpCase => ({
    name: `the scheme spelled "${scheme}" (RFC 9110: case-insensitive)`,
    server: 'guarded',
    path: '/api/stats',
    headers: { authorization: `${scheme} {token}` },
    expect: { status: 200 },
  })),
  ...(
    [
      ['a wrong token of the same length', 'Bearer {token-flipped}'],
      ['a prefix of the token', 'Bearer {token-prefix}'],
      ['the token with a suffix', 'Bearer {token}x'],
      ['the token in upper case', 'Bearer {token-upper}'],
      ['an empty bearer', 'Bearer '],
      ['the token under another scheme', 'Token {token}'],
      ['basic with a wrong password', 'Basic {basic-wrong}'],
      ['the token as basic credentials', 'Basic {token}'],
    ] as const
  ).map(([what, authorization]): HttpCase => ({
    name: `${what} is refused`,
    server: 'guarded',
    path: '/api/stats',
    headers: { authorization },
    expect: { status: 401 },
  })),
  {
    name: 'basic credentials open the dashboard',
    server: 'guarded',
    path: '/dashboard/api/queues',
    headers: { authorization: 'Basic {basic}' },
    expect: { status: 200 },
  },
  ...gets('guarded', [
    ['the health probe needs no credentials', '/healthz', 200],
    ['a dot segment after the probe path', '/healthz/../api/stats', 401],
    ['the probe path in the query', '/api/stats?/healthz', 401],
  ]),
  {
    name: 'proxy headers claiming loopback or another path',
    server: 'guarded',
    path: '/api/stats',
    headers: {
      'x-forwarded-for': '127.0.0.1',
      'x-real-ip': '127.0.0.1',
      'x-original-url': '/healthz',
      'x-rewrite-url': '/healthz',
    },
    expect: { status: 401 },
  },
  post(
    'guarded',
    'a cross-site POST with valid credentials (CSRF)',
    '/api/urls',
    { headers: { ...bearer, ...text, origin: 'https://evil.example' }, body: 'https://csrf.example/a' },
    { status: 403, queued: 0 },
  ),
  post(
    'guarded',
    'a POST from Origin null (sandboxed frame)',
    '/api/urls',
    { headers: { ...bearer, ...text, origin: 'null' }, body: 'https://csrf.example/b' },
    { status: 403, queued: 0 },
  ),
  {
    name: 'a hostile Host never reaches a page or the OpenAPI document',
    server: 'guarded',
    path: '/openapi.json',
    headers: { ...bearer, host: 'evil.example' },
    expect: { status: 200, notBody: 'evil\\.example' },
  },
  ...(
    [
      ['a rebinding name', 'rebind.evil.example'],
      ['a wildcard-DNS name for loopback', '127.0.0.1.nip.io'],
      ['loopback as userinfo', '127.0.0.1@evil.example'],
      ['loopback after a fragment', 'evil.example#@127.0.0.1'],
      ['localhost with a trailing dot', 'localhost.evil.example'],
    ] as const
  ).map(([what, host]): HttpCase => ({
    name: `open API: Host ${what} (DNS rebinding)`,
    server: 'open',
    path: '/api/stats',
    headers: { host },
    expect: { status: 421 },
  })),
  {
    name: 'open dashboard: a rebinding Host',
    server: 'open',
    path: '/dashboard/api/queues',
    headers: { host: 'rebind.evil.example' },
    expect: { status: 421 },
  },
  {
    name: 'open API: Host localhost',
    server: 'open',
    path: '/api/stats',
    headers: { host: 'localhost:8080' },
    expect: { status: 200 },
  },
  {
    name: 'open API: Host [::1]',
    server: 'open',
    path: '/api/stats',
    headers: { host: '[::1]:8080' },
    expect: { status: 200 },
  },
  ...(
    [
      [
        'a cross-site retry of every failed job from the dashboard',
        'PUT',
        '/dashboard/api/queues/fetch/retry/failed',
        { origin: 'https://evil.example' },
      ],
      [
        'a cross-site clean of the fetch queue',
        'PUT',
        '/dashboard/api/queues/fetch/clean/completed',
        { origin: 'https://evil.example' },
      ],
      ['a same-site (sibling subdomain) POST', 'POST', '/api/urls', { 'sec-fetch-site': 'same-site' }],
      ['a POST from loopback on another port', 'POST', '/api/urls', { origin: 'http://127.0.0.1:1' }],
      ['a POST from a look-alike origin', 'POST', '/api/urls', { origin: 'http://{host}.evil.example' }],
    ] as const
  ).map(([what, method, path, headers]): HttpCase => ({
    name: `open API: ${what} (CSRF)`,
    server: 'open',
    method,
    path,
    headers: { ...text, ...headers },
    body: 'https://csrf.example/open',
    expect: { status: 403, queued: 0 },
  })),
  {
    name: 'open API: HTTP/1.0 without a Host header',
    server: 'open',
    raw: 'GET /api/stats HTTP/1.0\r\n\r\n',
    path: '/api/stats',
    expect: { status: 421 },
  },
  {
    name: 'open API: an absolute-form target naming another host',
    server: 'open',
    raw: 'GET http://rebind.evil.example/api/stats HTTP/1.1\r\nHost: rebind.evil.example\r\n\r\n',
    path: '/api/stats',
    expect: { status: 421 },
  },
];

const xss = String.raw`<script>window\.pwned|<script>alert|<img src=x|<svg onload|<iframe src=javascript`;
const escaped = String.raw`&lt;script&gt;window\.pwned=1&lt;/script&gt;`;
const pageCsp = {
  'content-security-policy': String.raw`script-src 'self'.*frame-ancestors 'none'`,
  'content-type': '^text/html',
};
const boardHeaders = { 'content-security-policy': "frame-ancestors 'none'", 'x-frame-options': '^DENY$' };

/** Every HTML page, with attacker-written titles, outlets, authors and bodies indexed: escaped, under CSP. */
const PAGES: readonly HttpCase[] = [
  get('open', 'search page lists a hostile title', '/?q=harbour', {
    status: 200,
    body: escaped,
    notBody: xss,
    headers: pageCsp,
  }),
  get('open', 'search page highlights inside hostile text', '/?q=pwned', {
    status: 200,
    body: '<mark>',
    notBody: xss,
    headers: pageCsp,
  }),
  get('open', 'search page, every article listed', '/?q=harbour&group=none', {
    status: 200,
    body: '&quot;&gt;&lt;svg onload',
    notBody: xss,
    headers: pageCsp,
  }),
  get('open', 'story page with a hostile outlet name', '/stories/{story}', {
    status: 200,
    body: '&quot;&gt;&lt;svg onload',
    notBody: xss,
    headers: pageCsp,
  }),
  get('open', 'article page with a hostile author', '/articles/{doc:xss}', {
    status: 200,
    body: '&lt;/title&gt;&lt;script&gt;alert',
    notBody: xss,
    headers: pageCsp,
  }),
  get(
    'open',
    'search page reflects a hostile query escaped',
    `/?q=${encodeURIComponent('"><script>alert(1)</script>')}`,
    { status: 200, body: '&quot;&gt;&lt;script&gt;', notBody: xss, headers: pageCsp },
  ),
  get(
    'open',
    'search page reflects a hostile domain filter escaped',
    `/?domain=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`,
    { status: 200, notBody: xss, headers: pageCsp },
  ),
  get(
    'open',
    'search page error reflects a hostile date escaped',
    `/?from=${encodeURIComponent('<script>alert(1)</script>')}`,
    { status: 400, body: '&lt;script&gt;', notBody: xss, headers: pageCsp },
  ),
  get('open', 'story page for a hostile story id', `/stories/${encodeURIComponent('<script>alert(1)</script>')}`, {
    status: 404,
    notBody: xss,
    headers: pageCsp,
  }),
  get('open', 'article page for a hostile article id', `/articles/${encodeURIComponent('<svg onload=alert(1)>')}`, {
    status: 404,
    notBody: xss,
    headers: pageCsp,
  }),
  get('open', 'search page never links a javascript: URL', '/?q=script%20link&group=none', {
    status: 200,
    body: 'Script Outlet',
    notBody: 'href="javascript:',
    headers: pageCsp,
  }),
  get('open', 'story page never links a javascript: URL', '/stories/{story}', {
    status: 200,
    body: 'Script Outlet',
    notBody: 'href="javascript:',
    headers: pageCsp,
  }),
  get('open', 'article page never links a javascript: URL', '/articles/{doc:script-url}', {
    status: 200,
    body: 'Script Outlet',
    notBody: 'href="javascript:',
    headers: pageCsp,
  }),
  get(
    'open',
    'search page holding the 1.2M-character article answers HTML (finding 1)',
    '/?q=harbour%20report&group=none',
    { status: 200, body: 'class="outlets">Long Outlet', headers: pageCsp },
  ),
  get('open', 'dashboard page under CSP, no framing', '/dashboard', { status: 200, headers: boardHeaders }),
  get('open', 'dashboard page with a query string keeps its CSP', '/dashboard?x=<script>', {
    status: 200,
    notBody: '<script>"?>',
    headers: boardHeaders,
  }),
  get(
    'open',
    'dashboard client route with a hostile queue name',
    `/dashboard/queue/${encodeURIComponent('<script>alert(1)</script>')}`,
    { status: 200, notBody: xss, headers: boardHeaders },
  ),
  get('open', 'dashboard data is JSON, never HTML', '/dashboard/api/queues', {
    status: 200,
    headers: { 'content-type': '^application/json', ...boardHeaders },
  }),
  // Static routes: no traversal out of the assets, no open redirect.
  ...(
    [
      ['/dashboard/static/../../../package.json', 403],
      ['/dashboard/static/%2e%2e/%2e%2e/%2e%2e/package.json', 403],
      ['/dashboard/static/..%2f..%2f..%2fpackage.json', 404],
      ['/dashboard/static/....//....//package.json', 403],
      ['/assets/..%2fapp.css', 404],
      ['/assets/%2e%2e/%2e%2e/package.json', 404],
    ] as const
  ).map(([path, status]): HttpCase => ({
    name: `no traversal: ${path}`,
    server: 'open',
    path,
    expect: { status, notBody: '"dependencies"|"name"\\s*:' },
  })),
  get('open', 'no open redirect from a protocol-relative path', '//evil.example/%2e%2e', {
    status: 404,
    headers: { location: '^$' },
  }),
  get('open', 'no open redirect from the dashboard', '/dashboard//evil.example', {
    status: 404,
    headers: { location: '^$' },
  }),
];

/** Terminal escape sequences in everything the CLI prints (finding 4), and invisible Unicode. */
const CLI: readonly CliCase[] = [
  { name: 'window title (OSC 0)', args: ['search', 'quarterly'], shows: String.raw`\\x1b\]0;owned window\\x07` },
  {
    name: 'clear screen and colours (CSI)',
    args: ['search', 'quarterly', '--flat'],
    shows: String.raw`\\x1b\[2J\\x1b\[31m`,
  },
  { name: 'fake hyperlink (OSC 8)', args: ['story', '{story}'], shows: String.raw`\\x1b\]8;;https://evil\.example/` },
  { name: 'C1 CSI', args: ['search', 'quarterly'], shows: String.raw`\\x9b32m` },
  { name: 'bidi override', args: ['search', 'quarterly'], shows: String.raw`\\u202eexe\.txt` },
  { name: 'CR LF faking an output line', args: ['search', 'quarterly'], shows: String.raw`\\x0d\\x0afake line` },
  { name: 'a blinking outlet name', args: ['story', '{story}'], shows: String.raw`\\x1b\[5mBlinking` },
  {
    name: 'invisible Unicode tag characters (ASCII smuggling)',
    args: ['search', 'quarterly'],
    shows: String.raw`tag\\u\{e0069\}`,
  },
  {
    name: 'interlinear annotation characters',
    args: ['search', 'quarterly'],
    shows: String.raw`\\ufff9annotated\\ufffb`,
  },
  // A batch the API refuses whole comes back as an error payload, echoing the inputs.
  {
    name: 'a rejected input setting the window title',
    args: ['add', `${ESC}]0;owned${'\u0007'}`],
    shows: String.raw`rejected \\x1b\]0;owned\\x07`,
    exitCode: 5,
  },
  {
    name: 'a rejected input with a bidi override',
    args: ['add', '\u202Egnp.exe'],
    shows: String.raw`rejected \\u202egnp\.exe`,
    exitCode: 5,
  },
  {
    name: 'an unknown story id with escapes',
    args: ['story', `${ESC}[2Jnope`],
    shows: String.raw`\\x1b\[2J|must match pattern`,
    exitCode: 5,
  },
  {
    name: '--json writes tag characters as escaped surrogates',
    args: ['search', 'quarterly', '--json'],
    shows: String.raw`tag\\udb40\\udc69`,
  },
  {
    name: '--json keeps them as JSON escapes',
    args: ['search', 'quarterly', '--json'],
    shows: String.raw`\\u001b\]0;owned`,
  },
];

export const HOSTILE_CATALOGUE = {
  fetch: FETCH,
  intake: INTAKE,
  search: SEARCH,
  auth: AUTH,
  pages: PAGES,
  cli: CLI,
} as const;
export type HostileSurface = keyof typeof HOSTILE_CATALOGUE;

/** Cases by surface, for reports. */
export function catalogueCounts(): Record<HostileSurface, number> {
  const entries = Object.entries(HOSTILE_CATALOGUE).map(([surface, cases]) => [surface, cases.length]);
  return Object.fromEntries(entries) as Record<HostileSurface, number>;
}
