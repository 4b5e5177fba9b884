import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { extractArticle } from '../src/index.ts';
import { newsPage, paragraphs } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const CHROME = [
  'Accessibility links',
  'Skip to main content',
  'Breaking News',
  'Share on Facebook',
  'Share on Twitter',
  'Email',
  'Print',
  'Related',
  'Sign up',
  'About VOA',
  'Comments',
  'Home',
];

describe('chrome removal on a news page built around seed 001', () => {
  const html = readFileSync(join(FIXTURES, 'seed-001-news-page.html'));
  const expected = readFileSync(join(FIXTURES, 'seed-001-expected-body.txt'), 'utf8').trim();
  const a = extractArticle({
    html,
    url: 'https://www.voanews.com/a/kremlin-says-biden-and-putin/6340181.html',
    fetchedAt: new Date('2021-12-05T00:00:00Z'),
  });
  const paras = a.body.split('\n\n');

  it('returns exactly the article paragraphs', () => {
    assert.equal(a.body, expected);
  });

  it('keeps every chrome string out of the body', () => {
    for (const chrome of CHROME) assert.ok(!paras.includes(chrome), chrome);
  });

  it('keeps captions out of the body, even one repeated as a paragraph', () => {
    assert.ok(!a.body.includes('A Ukrainian soldier at a fighting position'));
    assert.ok(!a.body.includes('Villa La Grange'));
  });

  it('takes title, date and site from the page', () => {
    assert.equal(a.title, 'Kremlin Says Biden and Putin to Discuss Ukraine Crisis Next Week');
    assert.equal(a.publishedAt, '2021-12-04T14:21:00.000Z');
    assert.equal(a.siteName, 'Voice of America');
    // The only byline is the outlet itself (host voanews.com): an outlet is not an author.
    assert.deepEqual(a.authors, []);
    assert.ok(!a.body.startsWith(a.title));
  });
});

const six = paragraphs(6, 'The regional council debated the new tram line on Monday');

describe('chrome removal rules', () => {
  const story = paragraphs(4);
  const article = (inner: string) =>
    extractArticle({ html: newsPage({ body: inner }), url: 'https://n.example/news/story' });

  it('drops ad labels, share prompts and read-more lines inside the article', () => {
    const inner = `<article><p>${story[0]}</p><div>Advertisement</div><p>${story[1]}</p><p><strong>Read more:</strong> <a href="/x">Other story about the budget</a></p><p>${story[2]}</p><div>Share this article</div><p>${story[3]}</p></article>`;
    assert.equal(article(inner).body, story.join('\n\n'));
  });

  it('keeps the byline and dateline out of the body but uses the byline as author', () => {
    const inner = `<article><h1>Council delays budget vote</h1><p>By Jane Doe</p><p>Published November 19, 2019</p>${story.map((p) => `<p>${p}</p>`).join('')}</article>`;
    const a = article(inner);
    assert.equal(a.body, story.join('\n\n'));
    assert.deepEqual(a.authors, ['Jane Doe']);
  });

  it('drops a related-stories list and a newsletter box beside the article', () => {
    const inner = `<main><article>${story.map((p) => `<p>${p}</p>`).join('')}</article><section class="related-stories"><h2>More stories</h2><ul><li><a href="/1">One headline</a></li><li><a href="/2">Another headline</a></li></ul></section><div class="newsletter"><p>Get the morning briefing in your inbox. Sign up now.</p></div></main>`;
    assert.equal(article(inner).body, story.join('\n\n'));
  });

  it('does not let a chrome-sounding class on the article wrapper remove the article', () => {
    const inner = `<div class="page has-sidebar with-comments"><div class="article-header-wrap">${story.map((p) => `<p>${p}</p>`).join('')}</div></div>`;
    assert.equal(article(inner).body, story.join('\n\n'));
  });

  it('does not remove a box for a chrome word inside a page-builder or state token', () => {
    // Each box holds a third of the text, so none is protected by holding most of the page.
    const boxes = (open: string, close: string) =>
      [0, 2, 4].map((i) => `${open}<p>${six[i]}</p><p>${six[i + 1]}</p>${close}`).join('');
    const builder = boxes(
      '<div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">',
      '</div></div>',
    );
    assert.equal(article(builder).body, six.join('\n\n'));
    assert.equal(article(boxes('<section class="o-section o-section--has-ads">', '</section>')).body, six.join('\n\n'));
    assert.equal(article(boxes('<div class="widget Blog">', '</div>')).body, six.join('\n\n'));
  });

  it('prefers the text-dense container over a JSON-LD body that does not match the page', () => {
    const head = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', articleBody: 'Totally different text.' })}</script>`;
    const a = extractArticle({
      html: newsPage({ head, body: `<article>${story.map((p) => `<p>${p}</p>`).join('')}</article>` }),
      url: 'https://n.example/a',
    });
    assert.equal(a.body, story.join('\n\n'));
  });

  it('on a page listing several posts, keeps only the post that carries the page headline', () => {
    const other = paragraphs(3, 'A different post about gardening in the spring');
    const posts = [1, 2, 3]
      .map(
        (n) =>
          `<article><h2><a href="/p/${n}">Other post ${n}</a></h2>${other.map((p) => `<p>${p}</p>`).join('')}</article>`,
      )
      .join('');
    const head = '<title>Council delays budget vote | Blog</title>';
    const html = newsPage({
      head,
      body: `<main><article><h1>Council delays budget vote</h1>${story.map((p) => `<p>${p}</p>`).join('')}</article>${posts}</main>`,
    });
    assert.equal(extractArticle({ html, url: 'https://n.example/council' }).body, story.join('\n\n'));
  });

  it('falls back to JSON-LD articleBody when the page renders no text of its own', () => {
    const ldBody = story.join('\n');
    const head = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Council delays budget vote', articleBody: ldBody })}</script>`;
    const a = extractArticle({
      html: newsPage({ head, body: '<div id="root"></div><script src="/app.js"></script>' }),
      url: 'https://n.example/a',
    });
    assert.equal(a.body, story.join('\n\n'));
    assert.equal(a.flags.notArticle, false);
  });
});
