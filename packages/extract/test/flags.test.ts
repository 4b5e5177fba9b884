import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from '../src/index.ts';
import { jsonLd, newsPage, paragraphs } from './helpers.ts';

const story = paragraphs(6)
  .map((p) => `<p>${p}</p>`)
  .join('');

describe('page flags', () => {
  it('passes an ordinary article with no flags', () => {
    const a = extractArticle({
      html: newsPage({ body: `<article><h1>Title here</h1>${story}</article>` }),
      url: 'https://n.example/news/budget-vote',
    });
    assert.deepEqual(a.flags, { paywall: false, jsShell: false, blocked: false, notArticle: false });
  });

  it('flags a paywalled teaser declared in JSON-LD', () => {
    const head = jsonLd({ '@type': 'NewsArticle', headline: 'Paid story', isAccessibleForFree: false });
    const a = extractArticle({
      html: newsPage({
        head,
        body: `<article><p>${paragraphs(1)[0]}</p><div class="paywall-message">Subscribe to continue reading.</div></article>`,
      }),
      url: 'https://n.example/paid',
    });
    assert.equal(a.flags.paywall, true);
  });

  it('flags a paywall message with a short body even without structured data', () => {
    const a = extractArticle({
      html: newsPage({
        body: `<article><p>${paragraphs(1)[0]}</p><p>This article is for subscribers only. Already a subscriber? Log in.</p></article>`,
      }),
      url: 'https://n.example/paid',
    });
    assert.equal(a.flags.paywall, true);
  });

  it('flags a captcha / access-denied page as blocked and not an article', () => {
    const html = newsPage({
      head: '<title>Attention Required! | Cloudflare</title>',
      body: '<h1>Please verify you are a human</h1><p>Complete the CAPTCHA to continue.</p>',
    });
    const a = extractArticle({ html, url: 'https://n.example/story' });
    assert.equal(a.flags.blocked, true);
    assert.equal(a.flags.notArticle, true);
    const denied = extractArticle({
      html: newsPage({
        head: '<title>Access Denied</title>',
        body: "<h1>Access Denied</h1><p>You don't have permission to access this server.</p>",
      }),
      url: 'https://n.example/x',
    });
    assert.equal(denied.flags.blocked, true);
  });

  it('flags a JavaScript application shell', () => {
    const scripts = '<script src="/a.js"></script><script src="/b.js"></script><script>window.__STATE__={}</script>';
    const a = extractArticle({
      html: newsPage({
        body: `<div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript>${scripts}`,
      }),
      url: 'https://n.example/story/1',
    });
    assert.equal(a.flags.jsShell, true);
    assert.equal(a.flags.notArticle, true);
    assert.equal(a.body, '');
  });

  it('flags tag and search listing pages as not articles', () => {
    const teasers = Array.from(
      { length: 12 },
      (_, i) =>
        `<div class="card"><h2><a href="/news/${i}">Headline number ${i} about the budget</a></h2><p>Short teaser ${i}.</p></div>`,
    ).join('');
    const tag = extractArticle({
      html: newsPage({ head: '<meta property="og:type" content="website">', body: `<main>${teasers}</main>` }),
      url: 'https://n.example/tag/budget',
    });
    assert.equal(tag.flags.notArticle, true);
    const search = extractArticle({
      html: newsPage({ body: `<main>${teasers}</main>` }),
      url: 'https://n.example/search?q=budget',
    });
    assert.equal(search.flags.notArticle, true);
  });

  it('flags a home page as not an article', () => {
    const teasers = Array.from(
      { length: 20 },
      (_, i) => `<li><a href="/news/${i}">Story ${i}: officials announce a new plan for the city centre</a></li>`,
    ).join('');
    const a = extractArticle({ html: newsPage({ body: `<ul>${teasers}</ul>` }), url: 'https://n.example/' });
    assert.equal(a.flags.notArticle, true);
  });

  it('does not take a plain-permalink article for a home page', () => {
    const a = extractArticle({
      html: newsPage({ body: `<div class="post">${story}</div>` }),
      url: 'https://blog.example/?p=123',
    });
    assert.equal(a.flags.notArticle, false);
  });
});
