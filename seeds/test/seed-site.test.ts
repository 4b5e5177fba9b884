import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSeedArticles, startSeedSite } from '@newsflow/seeds';

test('seed articles: header lines become title and date, captions and chrome leave the paragraphs', () => {
  const [voa, syndicated] = loadSeedArticles();
  assert.ok(voa && syndicated);
  assert.equal(syndicated.title, 'Kremlin Says Biden and Putin to Discuss Ukraine Crisis Next Week');
  assert.equal(syndicated.publishedAt, '2021-12-04T12:00:00Z');
  assert.equal(voa.title, syndicated.title);
  for (const article of [voa, syndicated]) {
    const text = article.paragraphs.join('\n');
    assert.ok(!text.includes('Accessibility links') && !text.includes('Breaking News'));
    assert.ok(!text.includes('FILE - U.S. President'), 'the inline caption is a photo, not a paragraph');
    assert.ok(article.paragraphs.length >= 15);
  }
  assert.equal(
    voa.blocks.filter((block) => block.kind === 'photo').length,
    2,
    'lead photo, and the doubled inline caption as one photo',
  );
});

test('the seed site serves each page with its chrome and escapes text', async () => {
  const site = await startSeedSite();
  try {
    for (const article of site.articles) {
      const response = await fetch(article.url);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /text\/html; charset=utf-8/);
      const html = await response.text();
      for (const chrome of ['Accessibility links', 'Breaking News', 'Share on Facebook', 'Related', '<footer'])
        assert.ok(html.includes(chrome), chrome);
      assert.ok(
        html.includes('&apos;') || html.includes('&quot;') || !/['"]/.test(article.paragraphs.join('')),
        'quotes are escaped',
      );
    }
    assert.equal((await fetch(`${site.baseUrl}/missing`)).status, 404);
  } finally {
    await site.close();
  }
});
