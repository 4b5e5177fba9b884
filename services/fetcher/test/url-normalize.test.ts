import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidUrlError, identityOf, normalizeUrl } from '@newsflow/contracts';

const table: Array<[string, string]> = [
  ['HTTP://Example.COM/News', 'http://example.com/News'],
  ['http://example.com:80/a', 'http://example.com/a'],
  ['https://example.com:443/a', 'https://example.com/a'],
  ['https://example.com:8443/a', 'https://example.com:8443/a'],
  ['http://example.com/a#comments', 'http://example.com/a'],
  ['http://example.com/a?utm_source=x&utm_medium=y&id=3', 'http://example.com/a?id=3'],
  ['http://example.com/a?fbclid=abc&gclid=d&mc_cid=1&xtor=RSS-1', 'http://example.com/a'],
  ['http://example.com/a?b=2&a=1', 'http://example.com/a?a=1&b=2'],
  ['http://example.com/a/', 'http://example.com/a'],
  ['http://example.com/a//', 'http://example.com/a'],
  ['http://example.com/', 'http://example.com/'],
  ['http://example.com', 'http://example.com/'],
  ['http://example.com/?', 'http://example.com/'],
  ['http://example.com./a', 'http://example.com/a'],
  ['http://example.com/a/../b/./c', 'http://example.com/b/c'],
  ['http://example.com/%7euser', 'http://example.com/~user'],
  ['http://example.com/caf%c3%a9', 'http://example.com/caf%C3%A9'],
  ['https://Bücher.example/Straße', 'https://xn--bcher-kva.example/Stra%C3%9Fe'],
  ['  http://example.com/a  ', 'http://example.com/a'],
];

for (const [input, expected] of table) {
  void test(`normalizeUrl(${JSON.stringify(input)})`, () => assert.equal(normalizeUrl(input), expected));
}

void test('spellings of one article share one identity', () => {
  const ids = new Set(
    [
      'https://news.example/story/',
      'https://NEWS.example:443/story?utm_campaign=feed#top',
      'https://news.example/story',
    ].map((u) => identityOf(u).docId),
  );
  assert.equal(ids.size, 1);
});

void test('non-http schemes, credentials and junk are refused', () => {
  const refused = {
    'non-http scheme': ['ftp://example.com/a', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x'],
    credentials: ['http://user:pw@example.com/'],
    junk: ['not a url'],
  };
  for (const [kind, inputs] of Object.entries(refused))
    for (const input of inputs) assert.throws(() => normalizeUrl(input), InvalidUrlError, `${kind}: ${input}`);
});
