import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { identityOf } from '@newsflow/contracts';
import { decodeHtml } from '@newsflow/extract';
import { getRaw } from '@newsflow/runtime';
import { startBadServer } from './support/bad-server.ts';
import type { BadServer } from './support/bad-server.ts';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';

let server: BadServer;
let harness: Harness;

before(async () => {
  server = await startBadServer();
  harness = await startHarness({ FETCH_ALLOW_PRIVATE: 'site.test' });
});
after(async () => {
  await harness.close();
  await server.close();
});

// The fetcher keeps the bytes untouched and passes the Content-Type on; the cleaner decodes.
const cases: Array<[string, string]> = [
  ['/cs/meta-only', '日本語のニュース'],
  ['/cs/wrong-header-bom', 'Grüße aus Köln'],
  ['/cs/none-koi8', 'Новости дня'],
  ['/cs/bogus-header', 'café – naïve'],
];

for (const [path, expected] of cases) {
  void test(`charset case ${path} decodes end-to-end`, async () => {
    const url = server.url('site.test', path);
    assert.equal((await harness.waitFor(await harness.submit(url))).state, 'completed');
    const clean = await harness.cleanJob(identityOf(url).docId);
    assert.ok(clean);
    const raw = await getRaw(harness.redis, clean.data.rawKey);
    assert.ok(raw);
    assert.ok(decodeHtml(raw, clean.data.contentType).text.includes(expected), `decoded ${path}`);
  });
}
