import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globMatches, judgeRecord } from '../src/index.ts';
import type { RecordMeta } from '../src/index.ts';

const page = (overrides: Partial<RecordMeta> = {}): RecordMeta => ({
  warcType: 'response',
  targetUri: 'https://www.news.example/2024/05/06/council-vote',
  date: '2024-05-06T10:00:00Z',
  status: 200,
  contentType: 'text/html; charset=utf-8',
  etag: undefined,
  lastModified: undefined,
  declaredBytes: 1000,
  ...overrides,
});

void test('only 2xx HTML responses with a usable URL and date are taken', () => {
  assert.equal(judgeRecord(page(), {}), undefined);
  assert.equal(judgeRecord(page({ contentType: undefined }), {}), undefined, 'no type: left to the cleaner to sniff');
  assert.equal(judgeRecord(page({ warcType: 'revisit' }), {}), 'not-response');
  assert.equal(judgeRecord(page({ status: 404 }), {}), 'not-ok');
  assert.equal(judgeRecord(page({ contentType: 'application/pdf' }), {}), 'not-html');
  assert.equal(judgeRecord(page({ targetUri: 'dns:news.example' }), {}), 'invalid-url');
  assert.equal(judgeRecord(page({ date: 'yesterday' }), {}), 'invalid-date');
});

void test('hosts keep their subdomains and nothing else', () => {
  assert.equal(judgeRecord(page(), { hosts: ['news.example'] }), undefined);
  assert.equal(judgeRecord(page(), { hosts: ['other.example', 'NEWS.example.'] }), undefined);
  assert.equal(judgeRecord(page(), { hosts: ['ews.example'] }), 'host');
});

void test('URL globs and the date window filter', () => {
  assert.equal(judgeRecord(page(), { urlPatterns: ['https://*.news.example/2024/*'] }), undefined);
  assert.equal(judgeRecord(page(), { urlPatterns: ['*/2023/*'] }), 'url-pattern');
  assert.equal(judgeRecord(page(), { from: '2024-05-06T10:00:00Z', to: '2024-05-07T00:00:00Z' }), undefined);
  assert.equal(judgeRecord(page(), { from: '2024-05-06T10:00:01Z' }), 'date');
  assert.equal(judgeRecord(page(), { to: '2024-05-06T10:00:00Z' }), 'date', 'the end of the window is open');
});

void test('globs match piece by piece', () => {
  assert.equal(globMatches('a*b*c', 'axxbyyc'), true);
  assert.equal(globMatches('a*b*c', 'axxcyyb'), false);
  assert.equal(globMatches('abc', 'abc'), true);
  assert.equal(globMatches('abc', 'abcd'), false);
  assert.equal(globMatches('*', ''), true);
  assert.equal(globMatches('ab*ba', 'aba'), false, 'the two ends may not overlap');
  assert.equal(globMatches('a'.repeat(50) + '*b', 'a'.repeat(8000)), false);
});
