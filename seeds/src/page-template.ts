import { escapeUTF8 as e } from 'entities';
import type { SeedArticle, SeedBlock } from './seed-articles.ts';

/**
 * A news page the way outlets really publish one: skip links, a breaking-news ticker, navigation,
 * share bar, photos whose captions are printed twice, related links, newsletter box and footer.
 */
export function renderArticlePage(article: SeedArticle, related: SeedArticle[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${e(article.title)} | ${e(article.siteName)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="${e(article.title)}">
<meta property="og:site_name" content="${e(article.siteName)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="${e(article.publishedAt)}">
<meta name="author" content="${e(article.author)}">
<script type="application/ld+json">${jsonLd(article)}</script>
</head>
<body>
<div class="accessibility-links"><p>Accessibility links</p><ul><li><a href="#content">Skip to main content</a></li><li><a href="#nav">Skip to main Navigation</a></li><li><a href="#search">Skip to Search</a></li></ul></div>
<div class="ticker breaking"><strong>Breaking News</strong> <a href="/">Markets rally as inflation cools</a></div>
<header class="site-header"><a class="logo" href="/">${e(article.siteName)}</a>
<nav id="nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/us">U.S.</a></li><li><a href="/europe">Europe</a></li><li><a href="/economy">Economy</a></li><li><a href="/video">Video</a></li></ul></nav>
<form id="search" role="search"><input type="search" placeholder="Search"><button>Search</button></form></header>
<main id="content">
<article>
<h1>${e(article.title)}</h1>
<div class="byline">By <span class="author">${e(article.author)}</span> · <time datetime="${e(article.publishedAt)}">${e(displayDate(article.publishedAt))}</time></div>
<div class="share-bar"><span>Share</span><a href="#">Share on Facebook</a><a href="#">Share on Twitter</a><a href="#">Email</a><a href="#">Print</a></div>
<div class="article-body">
${article.blocks.map(block).join('\n')}
</div>
<div class="share-bar bottom"><a href="#">Share on Facebook</a><a href="#">Share on Twitter</a><a href="#">Email</a></div>
</article>
<aside class="related"><h2>Related</h2><ul>${related.map((other) => `<li><a href="/${e(other.slug)}">${e(other.title)}</a></li>`).join('')}<li><a href="/world/nato-ministers-meet">NATO ministers meet in Riga</a></li></ul></aside>
<aside class="newsletter"><h2>Sign up for our newsletter</h2><form><input type="email" placeholder="Email address"><button>Subscribe</button></form></aside>
</main>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/terms">Terms of use</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/contact">Contact</a></li></ul><p>© 2021 ${e(article.siteName)}. All rights reserved.</p></footer>
</body>
</html>
`;
}

function block(item: SeedBlock): string {
  return item.kind === 'paragraph' ? `<p>${e(item.text)}</p>` : photo(item.caption);
}

function photo(caption: string): string {
  return `<figure class="media"><img src="/img/photo.jpg" alt="${e(caption)}"><figcaption>${e(caption)}</figcaption><div class="caption-overlay">${e(caption)}</div></figure>`;
}

function jsonLd(article: SeedArticle): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: article.publishedAt,
    author: { '@type': 'Organization', name: article.author },
    publisher: { '@type': 'Organization', name: article.siteName },
  };
  // "<" inside a script element must not close it: escape it inside the JSON string.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

function displayDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}
