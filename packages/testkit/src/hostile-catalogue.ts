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
const failed = (reason: string): FetchCase['expect'] => ({ state: 'failed', reason });
const LONG_URL = `https://long.example/${'a'.repeat(9000)}`;

/** A path on the hostile server, under the one allow-listed name. */
const site = (path: string): string => `http://site.test:{port}${path}`;

type UrlRow = readonly [name: string, url: string];

/** Cases that must fail on their first attempt with this outcome, as [name, url] rows. */
const failAtOnce = (expect: FetchCase['expect'], rows: readonly UrlRow[]): FetchCase[] =>
  rows.map(([name, url]) => ({ name, url, expect, attempts: 1 }));

/** Cases that reach this outcome in the attempts they need, as [name, url] rows, with anything else they assert. */
const endIn = (expect: FetchCase['expect'], rows: readonly UrlRow[], more: Partial<FetchCase> = {}): FetchCase[] =>
  rows.map(([name, url]) => ({ name, url, expect, ...more }));

type DiscoveryRow = readonly [name: string, path: string, expect: FetchCase['expect'], enqueuesAtMost: number];

/** Feeds or sitemaps on the hostile server and the most jobs their expansion may add; a failure is permanent, at once. */
const discovery = (kind: 'feed' | 'sitemap', rows: readonly DiscoveryRow[]): FetchCase[] =>
  rows.map(([name, path, expect, enqueuesAtMost]) => ({
    name,
    url: site(path),
    kind,
    expect,
    enqueuesAtMost,
    ...(expect.state === 'failed' ? { attempts: 1 } : {}),
  }));

/** URLs and what hostile servers answer them with (findings 2, 5, 6, 7 and the first paragraph). */
const FETCH: readonly FetchCase[] = [
  // Addresses that are never public, in the spellings WHATWG URL accepts.
  ...failAtOnce(refused, [
    ['loopback literal', 'http://127.0.0.1:{port}/ok'],
    ['loopback, decimal', 'http://2130706433:{port}/ok'],
    ['loopback, hex', 'http://0x7f.0.0.1:{port}/ok'],
    ['loopback, octal', 'http://0177.0.0.1:{port}/ok'],
    ['loopback, short form', 'http://127.1:{port}/ok'],
    ['unspecified 0.0.0.0', 'http://0.0.0.0:{port}/ok'],
    ['IPv6 loopback', 'http://[::1]:{port}/ok'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]:{port}/ok'],
    ['IPv4-compatible IPv6 loopback', 'http://[::127.0.0.1]:{port}/ok'],
    ['IPv4-compatible IPv6 metadata', 'http://[::169.254.169.254]/latest'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['Azure wireserver', 'http://168.63.129.16/'],
    ['private 10/8', 'http://10.0.0.1/'],
    ['private 192.168/16', 'http://192.168.1.1/'],
    ['carrier-grade NAT', 'http://100.64.0.1/'],
    ['link-local IPv6', 'http://[fe80::1]/'],
    ['unique-local IPv6', 'http://[fc00::1]/'],
    ['NAT64 of metadata', 'http://[64:ff9b::a9fe:a9fe]/'],
  ]),
  ...endIn(failed('robots-unavailable'), [
    ['allow-listed name on a closed port: robots.txt unreachable, retried later', 'http://site.test:{closed}/'],
  ]),
  // Schemes and URL forms that must never be fetched.
  ...failAtOnce(invalid, [
    ['file scheme', 'file:///etc/passwd'],
    ['gopher scheme', 'gopher://site.test:{port}/'],
    ['ftp scheme', 'ftp://site.test:{port}/'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ['credentials in the URL', 'http://user:pass@site.test:{port}/ok'],
  ]),
  // Redirects somewhere they must not lead.
  ...failAtOnce(refused, [
    ['redirect to loopback literal', site('/to-loopback')],
    ['redirect to metadata', site('/to-metadata')],
    ['redirect to decimal metadata', site('/to-decimal')],
  ]),
  ...failAtOnce(invalid, [['redirect to a file URL', site('/to-file')]]),
  ...failAtOnce(refused, [['redirect to IPv4-compatible IPv6', site('/to-compat')]]),
  ...failAtOnce(failed('too-many-redirects'), [['redirect loop', site('/loop-a')]]),
  // Bodies built to exhaust memory or time.
  ...failAtOnce(failed('too-large'), [
    ['gzip bomb', site('/gzip-bomb')],
    ['brotli bomb', site('/br-bomb')],
    ['endless body', site('/never-ending')],
    ['oversized body', site('/oversized')],
  ]),
  ...failAtOnce(failed('not-html'), [['a PDF posing as an article', site('/pdf')]]),
  // Broken HTTP (finding 7): permanent at once, not ten minutes of retries.
  ...failAtOnce(failed('protocol-error'), [
    ['header overflow', site('/header-overflow')],
    ['bytes that are not HTTP', site('/not-http')],
    ['status 999', site('/status-999')],
  ]),
  // A control: the same server, a plain page.
  ...endIn(completed, [['an ordinary page is fetched', site('/ok')]]),
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
    ['redirect to a rebinding name', site('/to-rebind')],
    ['protocol-relative redirect to loopback', site('/to-protocol-relative')],
    ['redirect to IPv4-mapped metadata', site('/to-mapped-metadata')],
  ]),
  ...failAtOnce(invalid, [
    ['allow-listed name with userinfo pointing inward', 'http://site.test:{port}@127.0.0.1/ok'],
    ['redirect to javascript:', site('/to-javascript')],
    ['redirect to gopher:', site('/to-gopher')],
    ['redirect to a URL with userinfo', site('/to-userinfo')],
  ]),
  ...failAtOnce(failed('too-large'), [
    ['two layers of gzip (a bomb inside a bomb)', site('/double-gzip')],
    ['deflate bomb', site('/deflate-bomb')],
    ['a declared length of 10 GB', site('/huge-length')],
  ]),
  ...failAtOnce(failed('http-4xx'), [
    [
      'backslash before @ keeps the allow-listed host (WHATWG): a 404 there, nothing inward',
      site('\\@rebind.test/page/backslash'),
    ],
  ]),
  ...endIn(completed, [
    ['raw CRLF in a URL is dropped by the parser, never sent as a header', site('/page/crlf\r\nX-Injected: 1')],
  ]),
  // Finding 5: a page's claim about another URL never makes that URL vanish (each claim runs before its victim).
  ...endIn(
    completed,
    [
      ['a page claiming rel=canonical to a victim', site('/canonical-claim')],
      ['the canonical victim is still fetched', site('/page/victim-c')],
      ['a page redirecting to a victim', site('/redirect-claim')],
      ['the redirect victim is still fetched', site('/page/victim-r')],
    ],
    { cleaned: true },
  ),
  // Feeds and sitemaps built to explode (finding 6, XXE, billion laughs).
  ...discovery('feed', [
    ['XXE feed: a DOCTYPE with an external entity is not read as a feed', '/xxe.xml', failed('not-a-feed'), 0],
    ['billion-laughs feed', '/laughs.xml', completed, 1],
  ]),
  ...discovery('sitemap', [
    ['sitemap bomb: 60,000 URLs in one sitemap', '/huge-sitemap.xml', completed, 50],
    ['sitemap index of 500 child sitemaps', '/wide-index.xml', completed, 5],
  ]),
];

const json = { 'content-type': 'application/json' };
const text = { 'content-type': 'text/plain' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const URLS = '/api/urls';
/** An error body names the problem, never the server's insides (stack frames, index names, ES exception types). */
const NO_INSIDES = String.raw`node_modules|\.ts:\d|nf-t[0-9a-z]|_exception|max_analyzed_offset`;
type Server = HttpCase['server'];
type Expect = HttpCase['expect'];
/** Refused, nothing queued; and the same with an answer that shows none of the server's insides. */
const notQueued: Expect = { status: 400, queued: 0 };
const refusedCleanly: Expect = { ...notQueued, notBody: NO_INSIDES };
const tooLarge: Expect = { status: 413, queued: 0 };

/** GETs and what they must answer, as [name, path, expect] rows. */
const gets = (server: Server, rows: ReadonlyArray<readonly [string, string, Expect]>): HttpCase[] =>
  rows.map(([name, path, expect]) => ({ name, server, path, expect }));

/** GETs sent with these headers, as [name, path, headers, expect] rows. */
const getsWith = (server: Server, rows: ReadonlyArray<readonly [string, string, HttpCase['headers'], Expect]>) =>
  rows.map(([name, path, headers, expect]): HttpCase => ({ name, server, path, headers, expect }));

type PostRow = readonly [name: string, path: string, headers: HttpCase['headers'], body: HttpCase['body'], Expect];

/** POSTs and what they must answer, as [name, path, headers, body, expect] rows. */
const posts = (server: Server, rows: readonly PostRow[]): HttpCase[] =>
  rows.map(([name, path, headers, body, expect]) => ({ name, server, method: 'POST', path, headers, body, expect }));

/** Bytes written to a socket as they are, as [name, path, raw, expect] rows. */
const raws = (server: Server, rows: ReadonlyArray<readonly [string, string, string, Expect]>): HttpCase[] =>
  rows.map(([name, path, raw, expect]) => ({ name, server, raw, path, expect }));

const longUrlAs = (form: string): string => `a 9,000-character URL as ${form} is refused (finding 7)`;
const SMUGGLED =
  'POST /api/urls HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/stats HTTP/1.1\r\nHost: {host}\r\n\r\n';
const TWO_LENGTHS =
  'POST /api/urls HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nContent-Length: 30\r\n\r\nhttps://smuggle.example/a';
const BARE_LF = 'GET /api/stats HTTP/1.1\r\nHost: {host}\r\nX-Note: a\nSet-Cookie: owned=1\r\n\r\n';
const NUL_HEADER = 'GET /api/stats HTTP/1.1\r\nHost: {host}\r\nX-Note: a\u0000b\r\n\r\n';
const FOUR_THOUSAND_LABELS = { before: 'https://', repeat: 'a.', times: 4000, after: 'example/' };

/** POST /api/urls and the other request bodies: size, shape and parser abuse. */
const INTAKE: readonly HttpCase[] = [
  ...posts('open', [
    [longUrlAs('a one-element JSON array'), URLS, json, `["${LONG_URL}"]`, refusedCleanly],
    [longUrlAs('{"urls": [...]}'), URLS, json, `{"urls":["${LONG_URL}"]}`, refusedCleanly],
    [longUrlAs('{"urls": "..."}, a string where a list belongs'), URLS, json, `{"urls":"${LONG_URL}"}`, refusedCleanly],
    [longUrlAs('a JSON string'), URLS, json, `"${LONG_URL}"`, refusedCleanly],
    [longUrlAs('text/plain'), URLS, text, LONG_URL, refusedCleanly],
  ]),
  // The other intake paths: the same limits whatever path and body form a URL comes by.
  ...posts(
    'open',
    (
      [
        ['/api/feeds', `{"url":["${LONG_URL}"]}`],
        ['/api/sitemaps', `{"url":["${LONG_URL}"]}`],
        ['/api/sites', `{"url":["${LONG_URL}"]}`],
        ['/api/sources', `{"kind":"feed","url":["${LONG_URL}"]}`],
      ] as const
    ).map(([path, body]) => [
      `a 9,000-character URL as a one-element list on ${path}`,
      path,
      json,
      body,
      refusedCleanly,
    ]),
  ),
  ...posts(
    'open',
    (
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
    ).map(([path, what, headers, body]) => [`${what} on ${path} is refused`, path, headers, body, refusedCleanly]),
  ),
  ...posts('open', [
    ['1,001 URLs in one request', URLS, text, { repeat: 'https://many.example/x\n', times: 1001 }, tooLarge],
    ['a body over the 1 MiB limit', URLS, text, { repeat: '#'.repeat(1023) + '\n', times: 1100 }, tooLarge],
    [
      'a __proto__ key (prototype pollution)',
      URLS,
      json,
      '{"__proto__":{"polluted":"yes"},"urls":["https://proto.example/a"]}',
      notQueued,
    ],
    [
      'a constructor.prototype key (prototype pollution)',
      URLS,
      json,
      '{"constructor":{"prototype":{"polluted":"yes"}},"urls":["https://proto.example/b"]}',
      notQueued,
    ],
    [
      'a __proto__ key in a saved search',
      '/api/saved-searches',
      json,
      '{"__proto__":{"polluted":"yes"},"name":"p","query":{"q":"a"}}',
      { status: 400 },
    ],
    ['JSON nested 100,000 deep', URLS, json, { repeat: '[', times: 100_000 }, { ...refusedCleanly, withinMs: 2000 }],
    ['a list of things that are not strings', URLS, json, '[1, {}, null, ["https://nested.example/"]]', notQueued],
    ['malformed JSON answers without a stack trace', URLS, json, '{"urls": ["https://a.example/"', refusedCleanly],
    ['an empty JSON body', URLS, json, '', notQueued],
    ['a form-encoded body', URLS, form, 'urls=https%3A%2F%2Fform.example%2F', { status: 415, queued: 0 }],
    ['100,000 blank lines', URLS, text, { repeat: '\r\n', times: 100_000 }, { ...notQueued, withinMs: 2000 }],
    [
      'a CRLF in a text body splits lines, it never becomes a response header',
      URLS,
      text,
      'https://crlf.example/a\r\nSet-Cookie: owned=1',
      { status: 202, queued: 1, headers: { 'set-cookie': '^$' }, body: 'Set-Cookie: owned=1' },
    ],
    [
      'a bidi override in a URL is percent-encoded, never stored raw',
      URLS,
      json,
      '["https://bidi.example/\u202Egnp.exe"]',
      { status: 202, queued: 1, body: '%E2%80%AEgnp\\.exe', notBody: '\u202E' },
    ],
    [
      'a homograph host is kept in punycode',
      URLS,
      json,
      '["https://аррӏе.example/login"]',
      { status: 202, queued: 1, body: 'xn--' },
    ],
    ['fullwidth letters in the scheme', URLS, json, '["ｈｔｔｐｓ://fullwidth.example/"]', notQueued],
    ['a file: URL', URLS, json, '["file:///etc/passwd"]', notQueued],
    [
      'a host of 4,000 labels is refused at once (longer than DNS allows, no backtracking)',
      URLS,
      text,
      FOUR_THOUSAND_LABELS,
      { ...notQueued, withinMs: 2000 },
    ],
    [
      'a host label of 64 characters (over the DNS limit)',
      URLS,
      json,
      `["https://${'b'.repeat(64)}.example/"]`,
      { ...notQueued, body: 'longer than DNS allows' },
    ],
  ]),
  ...raws('open', [
    ['Content-Length and Transfer-Encoding together (request smuggling)', URLS, SMUGGLED, notQueued],
    ['two different Content-Length headers', URLS, TWO_LENGTHS, notQueued],
    ['a bare LF inside a header value', '/api/stats', BARE_LF, { status: 400, headers: { 'set-cookie': '^$' } }],
    ['a NUL byte in a header', '/api/stats', NUL_HEADER, { status: 400 }],
  ]),
  {
    name: 'a CORS preflight from another site is not granted',
    server: 'open',
    method: 'OPTIONS',
    path: URLS,
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    expect: { status: 404, headers: { 'access-control-allow-origin': '^$' } },
  },
];

/** /api/search: user text is only ever a query value, filters only plain values. */
const SEARCH: readonly HttpCase[] = [
  ...gets(
    'open',
    (
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
    ).map(([what, q]) => [
      `${what} in q is searched as text`,
      `/api/search?q=${encodeURIComponent(q)}`,
      { status: 200, body: '"groups"', notBody: NO_INSIDES, withinMs: 3000 },
    ]),
  ),
  ...gets('open', [
    ['q over 500 characters', `/api/search?q=${'a'.repeat(501)}`, { status: 400, notBody: NO_INSIDES }],
    ['q given twice', '/api/search?q=a&q=b', { status: 400 }],
    ['a page size of 10,000', '/api/search?size=10000', { status: 400 }],
    ['deep paging past 10,000 hits', '/api/search?page=101&size=100', { status: 400 }],
    ['date math in a date filter', '/api/search?from=now-1y', { status: 400 }],
    ['a failed-jobs listing of a million', '/api/failed?limit=1000000', { status: 400 }],
    ['a wildcard domain filter matches nothing', '/api/search?domain=*', { status: 200, body: '"total":0' }],
    [
      'unknown parameters (sort by script, _source) are refused',
      '/api/search?q=harbour&sort=_script&_source=false&script=1',
      { status: 400, body: 'additional properties', notBody: NO_INSIDES },
    ],
    [
      'a __proto__ query parameter',
      '/api/search?__proto__[polluted]=yes&constructor[prototype][polluted]=yes',
      { status: 400, body: 'additional properties' },
    ],
    [
      'a result page holding a 1.2M-character article (finding 1)',
      '/api/search?q=harbour%20report',
      { status: 200, body: 'A very long harbour report', notBody: NO_INSIDES },
    ],
    [
      'no parameters, with the long article on the first page (finding 1)',
      '/api/search',
      { status: 200, body: '"groups"', notBody: NO_INSIDES },
    ],
    [
      'a failed-jobs listing for a queue that does not exist',
      '/api/failed?queue=__proto__',
      { status: 400, notBody: NO_INSIDES },
    ],
    ...['..', '.', '_search', '_all'].map(
      (id) =>
        [
          `article id "${id}" reaches no other Elasticsearch endpoint`,
          `/api/articles/${id}`,
          { status: 404, notBody: NO_INSIDES },
        ] as const,
    ),
  ]),
];

const bearer = { authorization: 'Bearer {token}' };
const unauthorised: Expect = { status: 401 };

/** Credentials on every surface beyond loopback; Host checks against DNS rebinding on loopback. */
const AUTH: readonly HttpCase[] = [
  ...gets(
    'guarded',
    [
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
    ].map((path) => [
      `${path} without credentials`,
      path,
      { status: 401, headers: { 'www-authenticate': '^Basic' }, notBody: 'Harbour|pwned' },
    ]),
  ),
  ...posts('guarded', [
    ['POST /api/urls without credentials', URLS, text, 'https://noauth.example/a', { status: 401, queued: 0 }],
  ]),
  ...(['HEAD', 'OPTIONS'] as const).map((method): HttpCase => ({
    name: `${method} /api/stats without credentials`,
    server: 'guarded',
    method,
    path: '/api/stats',
    expect: unauthorised,
  })),
  ...getsWith(
    'guarded',
    ['bearer', 'BEARER', 'bEaReR'].map((scheme) => [
      `the scheme spelled "${scheme}" (RFC 9110: case-insensitive)`,
      '/api/stats',
      { authorization: `${scheme} {token}` },
      { status: 200 },
    ]),
  ),
  ...getsWith(
    'guarded',
    (
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
    ).map(([what, authorization]) => [`${what} is refused`, '/api/stats', { authorization }, unauthorised]),
  ),
  ...getsWith('guarded', [
    [
      'basic credentials open the dashboard',
      '/dashboard/api/queues',
      { authorization: 'Basic {basic}' },
      { status: 200 },
    ],
  ]),
  ...gets('guarded', [
    ['the health probe needs no credentials', '/healthz', { status: 200 }],
    ['a dot segment after the probe path', '/healthz/../api/stats', unauthorised],
    ['the probe path in the query', '/api/stats?/healthz', unauthorised],
  ]),
  ...getsWith('guarded', [
    [
      'proxy headers claiming loopback or another path',
      '/api/stats',
      {
        'x-forwarded-for': '127.0.0.1',
        'x-real-ip': '127.0.0.1',
        'x-original-url': '/healthz',
        'x-rewrite-url': '/healthz',
      },
      unauthorised,
    ],
  ]),
  ...posts('guarded', [
    [
      'a cross-site POST with valid credentials (CSRF)',
      URLS,
      { ...bearer, ...text, origin: 'https://evil.example' },
      'https://csrf.example/a',
      { status: 403, queued: 0 },
    ],
    [
      'a POST from Origin null (sandboxed frame)',
      URLS,
      { ...bearer, ...text, origin: 'null' },
      'https://csrf.example/b',
      { status: 403, queued: 0 },
    ],
  ]),
  ...getsWith('guarded', [
    [
      'a hostile Host never reaches a page or the OpenAPI document',
      '/openapi.json',
      { ...bearer, host: 'evil.example' },
      { status: 200, notBody: 'evil\\.example' },
    ],
  ]),
  ...getsWith(
    'open',
    (
      [
        ['a rebinding name', 'rebind.evil.example'],
        ['a wildcard-DNS name for loopback', '127.0.0.1.nip.io'],
        ['loopback as userinfo', '127.0.0.1@evil.example'],
        ['loopback after a fragment', 'evil.example#@127.0.0.1'],
        ['localhost with a trailing dot', 'localhost.evil.example'],
      ] as const
    ).map(([what, host]) => [`open API: Host ${what} (DNS rebinding)`, '/api/stats', { host }, { status: 421 }]),
  ),
  ...getsWith('open', [
    ['open dashboard: a rebinding Host', '/dashboard/api/queues', { host: 'rebind.evil.example' }, { status: 421 }],
    ['open API: Host localhost', '/api/stats', { host: 'localhost:8080' }, { status: 200 }],
    ['open API: Host [::1]', '/api/stats', { host: '[::1]:8080' }, { status: 200 }],
  ]),
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
      ['a same-site (sibling subdomain) POST', 'POST', URLS, { 'sec-fetch-site': 'same-site' }],
      ['a POST from loopback on another port', 'POST', URLS, { origin: 'http://127.0.0.1:1' }],
      ['a POST from a look-alike origin', 'POST', URLS, { origin: 'http://{host}.evil.example' }],
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
  ...raws('open', [
    ['open API: HTTP/1.0 without a Host header', '/api/stats', 'GET /api/stats HTTP/1.0\r\n\r\n', { status: 421 }],
    [
      'open API: an absolute-form target naming another host',
      '/api/stats',
      'GET http://rebind.evil.example/api/stats HTTP/1.1\r\nHost: rebind.evil.example\r\n\r\n',
      { status: 421 },
    ],
  ]),
];

const xss = String.raw`<script>window\.pwned|<script>alert|<img src=x|<svg onload|<iframe src=javascript`;
const escaped = String.raw`&lt;script&gt;window\.pwned=1&lt;/script&gt;`;
const pageCsp = {
  'content-security-policy': String.raw`script-src 'self'.*frame-ancestors 'none'`,
  'content-type': '^text/html',
};
const boardHeaders = { 'content-security-policy': "frame-ancestors 'none'", 'x-frame-options': '^DENY$' };
const noScriptLink = 'href="javascript:';
const hostileOutlet = '&quot;&gt;&lt;svg onload';

/** HTML pages under the page CSP, as [name, path, status, what the body must show, must not show] rows. */
const pages = (rows: ReadonlyArray<readonly [string, string, number, string | undefined, string?]>): HttpCase[] =>
  rows.map(([name, path, status, body, notBody = xss]) => ({
    name,
    server: 'open',
    path,
    expect: { status, ...(body === undefined ? {} : { body }), notBody, headers: pageCsp },
  }));
const hostile = (text: string): string => encodeURIComponent(text);

/** Every HTML page, with attacker-written titles, outlets, authors and bodies indexed: escaped, under CSP. */
const PAGES: readonly HttpCase[] = [
  ...pages([
    ['search page lists a hostile title', '/?q=harbour', 200, escaped],
    ['search page highlights inside hostile text', '/?q=pwned', 200, '<mark>'],
    ['search page, every article listed', '/?q=harbour&group=none', 200, hostileOutlet],
    ['story page with a hostile outlet name', '/stories/{story}', 200, hostileOutlet],
    ['article page with a hostile author', '/articles/{doc:xss}', 200, '&lt;/title&gt;&lt;script&gt;alert'],
    [
      'search page reflects a hostile query escaped',
      `/?q=${hostile('"><script>alert(1)</script>')}`,
      200,
      '&quot;&gt;&lt;script&gt;',
    ],
    [
      'search page reflects a hostile domain filter escaped',
      `/?domain=${hostile('"><img src=x onerror=alert(1)>')}`,
      200,
      undefined,
    ],
    [
      'search page error reflects a hostile date escaped',
      `/?from=${hostile('<script>alert(1)</script>')}`,
      400,
      '&lt;script&gt;',
    ],
    ['story page for a hostile story id', `/stories/${hostile('<script>alert(1)</script>')}`, 404, undefined],
    ['article page for a hostile article id', `/articles/${hostile('<svg onload=alert(1)>')}`, 404, undefined],
    ['search page never links a javascript: URL', '/?q=script%20link&group=none', 200, 'Script Outlet', noScriptLink],
    ['story page never links a javascript: URL', '/stories/{story}', 200, 'Script Outlet', noScriptLink],
    ['article page never links a javascript: URL', '/articles/{doc:script-url}', 200, 'Script Outlet', noScriptLink],
  ]),
  ...gets('open', [
    [
      'search page holding the 1.2M-character article answers HTML (finding 1)',
      '/?q=harbour%20report&group=none',
      { status: 200, body: 'class="outlets">Long Outlet', headers: pageCsp },
    ],
    ['dashboard page under CSP, no framing', '/dashboard', { status: 200, headers: boardHeaders }],
    [
      'dashboard page with a query string keeps its CSP',
      '/dashboard?x=<script>',
      { status: 200, notBody: '<script>"?>', headers: boardHeaders },
    ],
    [
      'dashboard client route with a hostile queue name',
      `/dashboard/queue/${hostile('<script>alert(1)</script>')}`,
      { status: 200, notBody: xss, headers: boardHeaders },
    ],
    [
      'dashboard data is JSON, never HTML',
      '/dashboard/api/queues',
      { status: 200, headers: { 'content-type': '^application/json', ...boardHeaders } },
    ],
  ]),
  // Static routes: no traversal out of the assets, no open redirect.
  ...gets(
    'open',
    (
      [
        ['/dashboard/static/../../../package.json', 403],
        ['/dashboard/static/%2e%2e/%2e%2e/%2e%2e/package.json', 403],
        ['/dashboard/static/..%2f..%2f..%2fpackage.json', 404],
        ['/dashboard/static/....//....//package.json', 403],
        ['/assets/..%2fapp.css', 404],
        ['/assets/%2e%2e/%2e%2e/package.json', 404],
      ] as const
    ).map(([path, status]) => [`no traversal: ${path}`, path, { status, notBody: '"dependencies"|"name"\\s*:' }]),
  ),
  ...gets('open', [
    [
      'no open redirect from a protocol-relative path',
      '//evil.example/%2e%2e',
      { status: 404, headers: { location: '^$' } },
    ],
    ['no open redirect from the dashboard', '/dashboard//evil.example', { status: 404, headers: { location: '^$' } }],
  ]),
];

/** CLI commands as [name, args, what must show, exit code] rows. */
const commands = (rows: ReadonlyArray<readonly [string, readonly string[], string, number?]>): CliCase[] =>
  rows.map(([name, args, shows, exitCode]) => ({
    name,
    args: [...args],
    shows,
    ...(exitCode === undefined ? {} : { exitCode }),
  }));
const QUARTERLY = ['search', 'quarterly'] as const;
const STORY = ['story', '{story}'] as const;
const raw = String.raw;

/** Terminal escape sequences in everything the CLI prints (finding 4), and invisible Unicode. */
const CLI: readonly CliCase[] = commands([
  ['window title (OSC 0)', QUARTERLY, raw`\\x1b\]0;owned window\\x07`],
  ['clear screen and colours (CSI)', [...QUARTERLY, '--flat'], raw`\\x1b\[2J\\x1b\[31m`],
  ['fake hyperlink (OSC 8)', STORY, raw`\\x1b\]8;;https://evil\.example/`],
  ['C1 CSI', QUARTERLY, raw`\\x9b32m`],
  ['bidi override', QUARTERLY, raw`\\u202eexe\.txt`],
  ['CR LF faking an output line', QUARTERLY, raw`\\x0d\\x0afake line`],
  ['a blinking outlet name', STORY, raw`\\x1b\[5mBlinking`],
  ['invisible Unicode tag characters (ASCII smuggling)', QUARTERLY, raw`tag\\u\{e0069\}`],
  ['interlinear annotation characters', QUARTERLY, raw`\\ufff9annotated\\ufffb`],
  // A batch the API refuses whole comes back as an error payload, echoing the inputs.
  [
    'a rejected input setting the window title',
    ['add', `${ESC}]0;owned${'\u0007'}`],
    raw`rejected \\x1b\]0;owned\\x07`,
    5,
  ],
  ['a rejected input with a bidi override', ['add', '\u202Egnp.exe'], raw`rejected \\u202egnp\.exe`, 5],
  ['an unknown story id with escapes', ['story', `${ESC}[2Jnope`], raw`\\x1b\[2J|must match pattern`, 5],
  ['--json writes tag characters as escaped surrogates', [...QUARTERLY, '--json'], raw`tag\\udb40\\udc69`],
  ['--json keeps them as JSON escapes', [...QUARTERLY, '--json'], raw`\\u001b\]0;owned`],
]);

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
