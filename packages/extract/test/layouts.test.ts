// Generalisation checks on page shapes the benchmark does not contain: a WordPress post with
// comments and sidebar widgets full of prose, and an old table layout with <br>-separated text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from '../src/index.ts';

const P = (n: number, s: string) =>
  Array.from(
    { length: n },
    (_, i) =>
      `${s} sentence ${i}, which goes on for a while to look like real prose, with commas, clauses and a full stop at the end.`,
  );
const story = P(6, 'Article');

describe('layouts beyond the benchmark', () => {
  it('WordPress post: keeps the entry, drops comments, widgets and footers; byline and time as metadata', () => {
    const html = `<!DOCTYPE html><html><head><title>My trip to Lisbon – Jane's Blog</title></head><body class="post-template-default single single-post has-sidebar">
    <div id="page" class="site"><header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">Jane's Blog</a></p><p class="site-description">Travel, food and everything in between, written by a curious traveller who loves long sentences.</p></div>
    <nav class="main-navigation"><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav></header>
    <div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
    <article id="post-12" class="post-12 post type-post status-publish format-standard hentry category-travel tag-portugal">
    <header class="entry-header"><h1 class="entry-title">My trip to Lisbon</h1><div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2023-05-02T10:00:00+01:00">May 2, 2023</time></span><span class="byline"> by <span class="author vcard"><a href="/author/jane">Jane Smith</a></span></span></div></header>
    <div class="entry-content">${story.map((p) => `<p>${p}</p>`).join('')}</div>
    <footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/travel">Travel</a></span><span class="tags-links">Tagged <a href="/t/portugal">Portugal</a></span></footer></article>
    <nav class="navigation post-navigation"><a href="/prev">Previous post: A weekend in Porto</a></nav>
    <div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts on “My trip to Lisbon”</h2><ol class="comment-list">${P(
      3,
      'Comment',
    )
      .map(
        (c) =>
          `<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">Bob</b> says:</footer><div class="comment-content"><p>${c}</p></div></article></li>`,
      )
      .join('')}</ol>
    <div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><p class="comment-notes">Your email address will not be published. Required fields are marked *</p><textarea></textarea></form></div></div>
    </main></div>
    <aside id="secondary" class="widget-area"><section class="widget widget_text"><h2 class="widget-title">About me</h2><div class="textwidget"><p>${P(2, 'About me')[0]}</p></div></section><section class="widget widget_recent_entries"><h2>Recent Posts</h2><ul><li><a href="/1">A weekend in Porto</a></li><li><a href="/2">Sintra day trip</a></li></ul></section></aside></div>
    <footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress. ${P(1, 'Footer')[0]}</div></footer></div></body></html>`;
    const a = extractArticle({ html, url: 'https://janes.example/2023/05/02/lisbon/' });
    assert.equal(a.body, story.join('\n\n'));
    assert.equal(a.title, 'My trip to Lisbon');
    assert.deepEqual(a.authors, ['Jane Smith']);
    assert.equal(a.publishedAt, '2023-05-02T10:00:00+01:00');
  });

  it('table layout with <br> paragraphs: an ad box between runs of text still separates paragraphs', () => {
    const html = `<html><head><meta property="og:title" content="Storm hits coast"><meta property="og:type" content="article"></head><body>
    <table width="100%"><tr><td class="left"><a href="/">Home</a><br><a href="/news">News</a><br><a href="/sport">Sport</a></td>
    <td class="main"><font size="4"><b>Storm hits coast</b></font><br><br>${story.slice(0, 3).join('<br><br>')}
    <div class="ad-slot"><span>Advertisement</span><iframe src="/ad"></iframe></div>
    ${story.slice(3).join('<br><br>')}
    <div class="inline-related"><strong>Read more</strong><ul><li><a href="/x">Earlier storm caused floods in the north of the country last winter</a></li></ul></div>
    </td><td class="right"><div class="box"><b>Most read</b><ol><li><a href="/1">One</a></li><li><a href="/2">Two</a></li></ol></div></td></tr></table>
    <div id="footer">Copyright 2024 Coast News. All rights reserved.</div></body></html>`;
    const a = extractArticle({ html, url: 'https://coast.example/news/storm.html' });
    assert.equal(a.body, story.join('\n\n'));
    assert.equal(a.title, 'Storm hits coast');
  });
});
