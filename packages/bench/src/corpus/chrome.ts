import { escapeUTF8 as e } from 'entities';
import { seededRandom } from './random.ts';
import type { Random } from './random.ts';
import type { Story } from './stories.ts';

/** One outlet's look: every page of a host wears the same chrome, as on real sites. */
export interface SiteStyle {
  siteName: string;
  family: number;
  /** class-name flavour, so no two outlets share the exact markup */
  cls: string;
  sections: string[];
  /** inline scripts, styles and the mega-menu: the weight real outlet pages carry (tens of KiB) */
  weight: { head: string; menu: string };
}

const NAMES = [
  'Herald',
  'Courier',
  'Gazette',
  'Tribune',
  'Post',
  'Observer',
  'Chronicle',
  'Times',
  'Ledger',
  'Dispatch',
];
const TOWNS = ['Riverside', 'Northgate', 'Eastbrook', 'Lakeview', 'Hillcrest', 'Bayport', 'Oakham', 'Westfield'];
const SECTIONS = ['world', 'politics', 'business', 'tech', 'science', 'sport', 'culture', 'health', 'opinion', 'local'];
const CLASSES = ['entry', 'story', 'post', 'article', 'content', 'news', 'item', 'txt'];
export const CHROME_FAMILIES = 5;

const styles = new Map<number, SiteStyle>();

export function siteStyle(host: number): SiteStyle {
  let style = styles.get(host);
  if (!style) styles.set(host, (style = makeStyle(host)));
  return style;
}

function makeStyle(host: number): SiteStyle {
  const random = seededRandom(host * 31 + 5);
  const sections = SECTIONS.filter(() => random.next() < 0.6);
  const siteName = `The ${random.pick(TOWNS)} ${random.pick(NAMES)} ${host}`;
  const cls = `${random.pick(CLASSES)}${host % 7 === 0 ? '' : `-${host}`}`;
  return {
    siteName,
    family: host % CHROME_FAMILIES,
    cls,
    sections: sections.length > 0 ? sections : ['news'],
    weight: pageWeight(random, cls),
  };
}

/** 10–70 KiB of inline script and style, and a 40–200 link menu, like a real outlet's template. */
function pageWeight(random: Random, cls: string): { head: string; menu: string } {
  const scriptKiB = 8 + random.below(50);
  const statements: string[] = [];
  for (let size = 0, i = 0; size < scriptKiB * 1024; i++) {
    const line = `window.__cfg_${i}={slot:"${cls}-${i}",sizes:[[300,250],[728,90]],targeting:{section:"${random.pick(SECTIONS)}",ab:${random.below(100)}}};`;
    statements.push(line);
    size += line.length;
  }
  const rules = Array.from(
    { length: 40 + random.below(120) },
    (_, i) => `.${cls}-c${i}{margin:${i % 9}px;color:#${(i * 2654435).toString(16).slice(0, 6).padEnd(6, '0')}}`,
  );
  const links = Array.from({ length: 40 + random.below(160) }, (_, i) => {
    const section = random.pick(SECTIONS);
    return `<li><a href="/${section}/topic-${i}">${section} topic ${i}</a></li>`;
  });
  return {
    head: `<style>${rules.join('')}</style><script>${statements.join('\n')}</script>`,
    menu: `<div class="mega-menu" hidden><ul>${links.join('')}</ul></div>`,
  };
}

/** Teasers of other stories: chrome that reads like text, which the cleaner must leave out. */
export interface Teaser {
  title: string;
  href: string;
  summary: string;
}

export function renderPage(site: SiteStyle, story: Story, teasers: readonly Teaser[]): string {
  const body = story.paragraphs.map((text) => `<p>${e(text)}</p>`);
  const head = headOf(site, story);
  const render = [portalPage, blogPage, tablePage, minimalPage, magazinePage][site.family] ?? portalPage;
  return `<!DOCTYPE html>\n<html lang="en">\n${head}\n${render(site, story, body, teasers)}\n</html>\n`;
}

function headOf(site: SiteStyle, story: Story): string {
  return `<head><meta charset="utf-8"><title>${e(story.title)} | ${e(site.siteName)}</title>
<meta property="og:title" content="${e(story.title)}"><meta property="og:site_name" content="${e(site.siteName)}">
<meta property="article:published_time" content="${story.publishedAt}"><meta name="author" content="${e(story.author)}">
<link rel="stylesheet" href="/static/site.css">${site.weight.head}</head>`;
}

function nav(site: SiteStyle): string {
  const items = site.sections.map((s) => `<li><a href="/${s}/">${s[0]?.toUpperCase()}${s.slice(1)}</a></li>`);
  return `<nav class="${site.cls}-nav"><ul>${items.join('')}</ul>${site.weight.menu}</nav>`;
}

function teaserList(teasers: readonly Teaser[], withSummary: boolean): string {
  const items = teasers.map(
    (t) =>
      `<li><a href="${e(t.href)}">${e(t.title)}</a>${withSummary ? `<p class="dek">${e(t.summary)}</p>` : ''}</li>`,
  );
  return `<ul class="teasers">${items.join('')}</ul>`;
}

function footer(site: SiteStyle): string {
  return `<footer><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/contact">Contact</a></li></ul><p>© 2025 ${e(site.siteName)}. All rights reserved.</p></footer>`;
}

function byline(story: Story): string {
  return `<span class="author">By ${e(story.author)}</span> <time datetime="${story.publishedAt}">${story.publishedAt.slice(0, 10)}</time>`;
}

function portalPage(site: SiteStyle, story: Story, body: string[], teasers: readonly Teaser[]): string {
  return `<body><div class="ticker"><strong>Breaking</strong> <a href="/">${e(teasers[0]?.title ?? '')}</a></div>
<header><a class="logo" href="/">${e(site.siteName)}</a>${nav(site)}</header>
<main><article class="${site.cls}"><h1>${e(story.title)}</h1><div class="byline">${byline(story)}</div>
<div class="share"><a href="#">Share on Facebook</a><a href="#">Share on X</a><a href="#">Email</a></div>
<div class="${site.cls}-body">${body.join('\n')}</div></article>
<aside class="related"><h2>Related</h2>${teaserList(teasers.slice(0, 4), false)}</aside>
<aside class="newsletter"><h2>Sign up for our newsletter</h2><form><input type="email"><button>Subscribe</button></form></aside></main>
${footer(site)}</body>`;
}

function blogPage(site: SiteStyle, story: Story, body: string[], teasers: readonly Teaser[]): string {
  const comments = teasers
    .slice(0, 3)
    .map((t, i) => `<li class="comment"><b>reader${i + 1}</b><p>${e(t.summary)}</p></li>`)
    .join('');
  return `<body><div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<div id="wrapper"><div id="header"><h2 class="site-title">${e(site.siteName)}</h2>${nav(site)}</div>
<div class="col-main"><div class="post"><h1 class="${site.cls}-title">${e(story.title)}</h1><p class="meta">${byline(story)}</p>
<div class="${site.cls}-content">${body.join('\n')}</div><div class="author-box">About the author: ${e(story.author)} writes about ${e(site.sections.join(', '))}.</div></div>
<div id="comments"><h3>Comments</h3><ol>${comments}</ol></div></div>
<div class="sidebar"><h3>Most read</h3>${teaserList(teasers, false)}</div></div>${footer(site)}</body>`;
}

function tablePage(site: SiteStyle, story: Story, body: string[], teasers: readonly Teaser[]): string {
  return `<body><table width="100%"><tr><td colspan="2"><font size="5">${e(site.siteName)}</font> ${nav(site)}</td></tr>
<tr><td width="200" valign="top"><b>Headlines</b>${teaserList(teasers, false)}</td>
<td valign="top"><h1>${e(story.title)}</h1><div class="${site.cls}">${byline(story)}</div>${body.join('\n')}
<p class="print"><a href="#">Print this story</a> | <a href="#">Email this story</a></p></td></tr>
<tr><td colspan="2">${footer(site)}</td></tr></table></body>`;
}

function minimalPage(site: SiteStyle, story: Story, body: string[], teasers: readonly Teaser[]): string {
  const withAds = body.flatMap((p, i) => (i % 3 === 2 ? [p, '<div class="ad">Advertisement</div>'] : [p]));
  return `<body><header><a href="/">${e(site.siteName)}</a></header><h1>${e(story.title)}</h1><p class="by">${byline(story)}</p>
${withAds.join('\n')}<section class="more"><h2>More from ${e(site.siteName)}</h2>${teaserList(teasers.slice(0, 3), true)}</section>${footer(site)}</body>`;
}

function magazinePage(site: SiteStyle, story: Story, body: string[], teasers: readonly Teaser[]): string {
  const lead = body.slice(0, 1).join('');
  return `<body><div class="topbar"><a href="/subscribe">Subscribe</a> <a href="/login">Log in</a></div>
<header class="masthead"><span>${e(site.siteName)}</span>${nav(site)}</header><ol class="breadcrumbs"><li><a href="/">Home</a></li><li>${e(site.sections[0] ?? 'news')}</li></ol>
<div class="${site.cls}-wrap" itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">${e(story.title)}</h1>
<div class="${site.cls}-meta">${byline(story)}</div><div class="lead">${lead}</div><div itemprop="articleBody">${body.slice(1).join('\n')}</div>
<div class="tags">Tags: ${site.sections.map((s) => `<a href="/tag/${s}">${s}</a>`).join(' ')}</div></div>
<section class="read-next"><h2>Read next</h2>${teaserList(teasers, true)}</section>${footer(site)}</body>`;
}
