/*
 * The hostile-input catalogue (issue 11): what an attacker or a hostile website sends, each with
 * the outcome it must have. Data only; hostile-catalogue.test.ts runs every case against a real
 * fetch worker (Redis, BullMQ) and a real misbehaving HTTP server on loopback. `{port}` is the
 * server's port, `{closed}` a loopback port nobody listens on. Only site.test is allow-listed.
 */
export interface HostileCase {
  name: string;
  /** What is submitted as the URL to fetch. */
  url: string;
  /** Final state and reason code (the failed job's "reason:" prefix; '' for a completed job). */
  expect: { state: 'completed' | 'failed'; reason: string };
  /** Attempts the job may use: permanent failures must fail on the first. */
  attempts?: number;
}

const refused = { state: 'failed', reason: 'ssrf-blocked' } as const;
const invalid = { state: 'failed', reason: 'invalid-url' } as const;

export const HOSTILE_CASES: readonly HostileCase[] = [
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
  {
    name: 'gzip bomb',
    url: 'http://site.test:{port}/gzip-bomb',
    expect: { state: 'failed', reason: 'too-large' },
    attempts: 1,
  },
  {
    name: 'brotli bomb',
    url: 'http://site.test:{port}/br-bomb',
    expect: { state: 'failed', reason: 'too-large' },
    attempts: 1,
  },
  {
    name: 'endless body',
    url: 'http://site.test:{port}/never-ending',
    expect: { state: 'failed', reason: 'too-large' },
    attempts: 1,
  },
  {
    name: 'oversized body',
    url: 'http://site.test:{port}/oversized',
    expect: { state: 'failed', reason: 'too-large' },
    attempts: 1,
  },
  {
    name: 'a PDF posing as an article',
    url: 'http://site.test:{port}/pdf',
    expect: { state: 'failed', reason: 'not-html' },
    attempts: 1,
  },
  // Broken HTTP (finding 7): permanent at once, not ten minutes of retries.
  {
    name: 'header overflow',
    url: 'http://site.test:{port}/header-overflow',
    expect: { state: 'failed', reason: 'protocol-error' },
    attempts: 1,
  },
  {
    name: 'bytes that are not HTTP',
    url: 'http://site.test:{port}/not-http',
    expect: { state: 'failed', reason: 'protocol-error' },
    attempts: 1,
  },
  {
    name: 'status 999',
    url: 'http://site.test:{port}/status-999',
    expect: { state: 'failed', reason: 'protocol-error' },
    attempts: 1,
  },
  // A control: the same server, a plain page.
  {
    name: 'an ordinary page is fetched',
    url: 'http://site.test:{port}/ok',
    expect: { state: 'completed', reason: '' },
  },
];
