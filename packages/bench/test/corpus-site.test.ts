import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planCorpus, startCorpusSite } from '@newsflow/bench';
import type { CorpusSite } from '@newsflow/bench';

const paragraphsOf = (html: string): string[] => [...html.matchAll(/<p>([^<]{60,})<\/p>/g)].map((m) => m[1] as string);

describe('corpus site', () => {
  let site: CorpusSite;
  before(async () => {
    site = await startCorpusSite({ urls: 400, hosts: 12 });
  });
  after(() => site?.stop());

  test('serves N distinct URLs over M loopback host names, each on its own host only', async () => {
    assert.equal(site.urls.length, 400);
    assert.equal(new Set(site.urls).size, 400);
    const hosts = new Set(site.urls.map((url) => new URL(url).hostname));
    assert.equal(hosts.size, 12);
    for (const host of hosts) assert.match(host, /^127\.0\.\d+\.\d+$/);
    const url = site.urls[7] as string;
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), site.pageAt(7));
    const elsewhere = new URL(url);
    elsewhere.hostname = [...hosts].find((host) => host !== new URL(url).hostname) as string;
    assert.equal((await fetch(elsewhere)).status, 404);
    assert.equal((await fetch(new URL('/robots.txt', url))).status, 200);
  });

  test('syndicated copies carry the original text under another host’s chrome, trimmed or reordered', () => {
    const { entries } = site.plan;
    const original = entries.findIndex(
      (e) =>
        e.kind === 'story' &&
        e.copy === 0 &&
        entries.some((o) => o.kind === 'story' && o.group === e.group && o.copy > 0),
    );
    const group = (entries[original] as { group: number }).group;
    const copy = entries.findIndex((e) => e.kind === 'story' && e.group === group && e.copy > 0);
    assert.notEqual(entries[copy]?.host, entries[original]?.host);
    const [a, b] = [paragraphsOf(site.pageAt(original).toString()), paragraphsOf(site.pageAt(copy).toString())];
    const shared = b.filter((p) => a.includes(p)).length;
    assert.ok(shared >= Math.min(a.length, b.length) - 2, `copy shares ${shared} of ${b.length} paragraphs`);
    assert.notDeepEqual(a, b, 'the copy is not byte-identical text');
  });

  test('distinct stories share no paragraph, and real pages are served as fetched', () => {
    const { entries } = site.plan;
    const [x, y] = entries.flatMap((e, i) => (e.kind === 'story' && e.copy === 0 ? [i] : [])).slice(0, 2) as [
      number,
      number,
    ];
    const shared = paragraphsOf(site.pageAt(y).toString()).filter((p) =>
      paragraphsOf(site.pageAt(x).toString()).includes(p),
    );
    assert.equal(shared.length, 0);
    assert.ok(
      entries.some((e) => e.kind === 'real'),
      'a share of real pages',
    );
  });

  test('the plan is deterministic', () => {
    const [a, b] = [planCorpus({ urls: 300, hosts: 9 }), planCorpus({ urls: 300, hosts: 9 })];
    assert.deepEqual(a.entries, b.entries);
    assert.ok(a.copies > 0 && a.syndicatedGroups > 0);
  });
});
