// Issue 16: hosts configured to always render (RENDER_HOSTS) have their article pages handed to the
// render stage by the fetcher, unfetched (the renderer fetches them, politely); other hosts' pages
// are fetched and go to clean as before; without RENDER_ENABLED the setting is refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { identityOf, jobIds } from '@newsflow/contracts';
import { resolveConfig } from '@newsflow/config';
import { startHarness } from './support/harness.ts';
import type { Harness } from './support/harness.ts';
import { startSiteServer } from './support/site-server.ts';
import type { SiteServer } from './support/site-server.ts';

const PAGE = { body: '<html><head><title>Plain</title></head><body><p>A page.</p></body></html>' };
let site: SiteServer;
let harness: Harness;

before(async () => {
  site = await startSiteServer({
    'app.test': { '/story': PAGE },
    'www.app.test': { '/story': PAGE },
    'plain.test': { '/story': PAGE },
    'notapp.test': { '/story': PAGE },
  });
  harness = await startHarness({
    FETCH_ALLOW_PRIVATE: `127.0.0.1:${site.port}`,
    RENDER_ENABLED: 'true',
    RENDER_HOSTS: 'APP.test.',
  });
});

after(async () => {
  await harness.close();
  await site.close();
});

async function outcomeOf(url: string): Promise<{ render: boolean; clean: boolean; requested: boolean }> {
  const jobId = await harness.submit(url);
  assert.equal((await harness.waitFor(jobId)).state, 'completed');
  const { docId, url: normalised } = identityOf(url);
  const renderJob = await harness.stage.queues.render.getJob(jobIds.render({ docId }));
  if (renderJob) assert.equal(renderJob.data.finalUrl, normalised, 'the renderer is given the page to fetch');
  const requested = site.hits.includes(`${new URL(url).hostname} /story`);
  return { render: Boolean(renderJob), clean: Boolean(await harness.cleanJob(docId)), requested };
}

test('a listed host and its subdomains go to render unfetched', async () => {
  assert.deepEqual(await outcomeOf(site.url('app.test', '/story')), { render: true, clean: false, requested: false });
  assert.deepEqual(await outcomeOf(site.url('www.app.test', '/story')), {
    render: true,
    clean: false,
    requested: false,
  });
});

test('other hosts, a name merely ending like a listed one included, are fetched and go to clean', async () => {
  assert.deepEqual(await outcomeOf(site.url('plain.test', '/story')), { render: false, clean: true, requested: true });
  assert.deepEqual(await outcomeOf(site.url('notapp.test', '/story')), { render: false, clean: true, requested: true });
});

test('RENDER_HOSTS is normalised as a URL spells hosts, and refused without RENDER_ENABLED', () => {
  const config = resolveConfig({ RENDER_ENABLED: 'true', RENDER_HOSTS: 'Example.COM., bücher.example' });
  assert.deepEqual(config.RENDER_HOSTS, ['example.com', 'xn--bcher-kva.example']);
  assert.throws(() => resolveConfig({ RENDER_HOSTS: 'example.com' }), /RENDER_HOSTS: needs RENDER_ENABLED=true/);
  assert.throws(() => resolveConfig({ RENDER_ENABLED: 'true', RENDER_HOSTS: 'https://example.com/' }), /host name/);
});
