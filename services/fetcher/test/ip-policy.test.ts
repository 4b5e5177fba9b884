import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyAddress, isAddressAllowed, parseAllowList } from '../src/net/ip-policy.ts';
import { REFUSED_TARGET, checkTarget, guardedLookup } from '../src/net/ssrf-guard.ts';

const table: Array<[string, string]> = [
  ['93.184.216.34', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['127.0.0.1', 'loopback'],
  ['127.1', 'loopback'],
  ['2130706433', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.5.4', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['169.254.1.1', 'linkLocal'],
  ['169.254.169.254', 'metadata'],
  ['100.100.100.200', 'metadata'],
  ['fd00:ec2::254', 'metadata'],
  ['224.0.0.1', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['0.0.0.0', 'unspecified'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['ff02::1', 'multicast'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'metadata'],
  ['64:ff9b::a9fe:a9fe', 'metadata'],
  ['::ffff:8.8.8.8', 'public'],
  ['[::1]', 'loopback'],
  ['::127.0.0.1', 'loopback'],
  // WHATWG URL writes [::127.0.0.1] as [::7f00:1], which ipaddr.js alone would call unicast.
  ['::7f00:1', 'ipv4Compatible'],
  ['::a9fe:a9fe', 'ipv4Compatible'],
  ['::169.254.169.254', 'metadata'],
  ['not-an-ip', 'invalid'],
];

for (const [address, expected] of table) {
  void test(`classifyAddress(${address}) = ${expected}`, () => assert.equal(classifyAddress(address), expected));
}

void test('allow-list: CIDRs and exact host names only', () => {
  const allow = parseAllowList(['127.0.0.1/32', 'demo.local', '10.1.0.0/16']);
  assert.ok(isAddressAllowed('127.0.0.1', 'anything', allow, 80));
  assert.ok(isAddressAllowed('::ffff:127.0.0.1', 'anything', allow, 80));
  assert.ok(!isAddressAllowed('127.0.0.2', 'anything', allow, 80));
  assert.ok(isAddressAllowed('10.1.2.3', 'x', allow, 80));
  assert.ok(!isAddressAllowed('10.2.0.1', 'x', allow, 80));
  assert.ok(isAddressAllowed('192.168.0.5', 'demo.local', allow, 80));
  assert.ok(isAddressAllowed('8.8.8.8', 'x', parseAllowList([]), 80));
});

void test('allow-list: an entry with a port opens that port only', () => {
  const allow = parseAllowList(['127.0.0.1:8090', '[::1]:8090', 'demo.local:8443', '::1']);
  assert.ok(isAddressAllowed('127.0.0.1', 'x', allow, 8090));
  assert.ok(!isAddressAllowed('127.0.0.1', 'x', allow, 9200), 'another loopback port stays closed');
  assert.ok(isAddressAllowed('192.168.1.1', 'demo.local', allow, 8443));
  assert.ok(!isAddressAllowed('192.168.1.1', 'demo.local', allow, 80));
  assert.ok(isAddressAllowed('::1', 'x', allow, 6379), 'a bare IPv6 address is not read as host:port');
  assert.throws(() => checkTarget('http://127.0.0.1:9200/_search', allow), /ssrf-blocked/);
  assert.doesNotThrow(() => checkTarget('http://127.0.0.1:8090/story', allow));
});

void test('URL targets: odd IP spellings, schemes and credentials are refused before connecting', () => {
  const none = parseAllowList([]);
  for (const url of [
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://169.254.169.254/latest',
    'http://[::127.0.0.1]/',
    'http://[::169.254.169.254]/',
    'http://[::a9fe:a9fe]/',
  ]) {
    assert.throws(() => checkTarget(url, none), /ssrf-blocked/, url);
  }
  assert.throws(() => checkTarget('gopher://example.com/', none), /invalid-url/);
  assert.throws(() => checkTarget('http://a:b@example.com/', none), /invalid-url/);
  assert.equal(checkTarget('https://example.com/a', none).hostname, 'example.com');
});

void test('DNS answers: one private record among public ones refuses the host', async () => {
  const resolver = async (): Promise<Array<{ address: string; family: number }>> => [
    { address: '93.184.216.34', family: 4 },
    { address: '10.0.0.7', family: 4 },
  ];
  const lookup = guardedLookup(parseAllowList([]), 80, resolver);
  const error = await new Promise<Error | null>((resolve) =>
    lookup('rebind.example', { all: true }, (err) => resolve(err)),
  );
  assert.equal(error?.message, REFUSED_TARGET, 'the refusal names neither the address nor its class');
});

void test('DNS answers: an allow-listed address on another port is refused at lookup time', async () => {
  const resolver = async (): Promise<Array<{ address: string; family: number }>> => [
    { address: '127.0.0.1', family: 4 },
  ];
  const allow = parseAllowList(['127.0.0.1:8091']);
  const resolve = (port: number): Promise<Error | null> =>
    new Promise((done) => guardedLookup(allow, port, resolver)('localhost', { all: true }, (err) => done(err)));
  assert.equal(await resolve(8091), null);
  assert.equal((await resolve(6379))?.message, REFUSED_TARGET);
});
