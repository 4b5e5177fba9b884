import type { ArticleGroup, ArticleHit, SearchResult } from '@newsflow/search';
import { html, renderHighlight, timeOf } from './html.ts';
import type { SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { outletOf, outletsOfGroup } from '../stories/story-aggs.ts';

export interface SearchForm {
  q: string;
  domain: string;
  /** Comma-separated language codes ("de, fr"), '' for every language. */
  language: string;
  from: string;
  to: string;
  /** '' for everything, or a flags filter such as '-paywall'. */
  flags: string;
  /** 'story': one card per story (the default); 'none': one card per article. */
  group: 'story' | 'none';
  page: number;
}

export const FLAG_CHOICES = [
  ['', 'all articles'],
  ['-paywall', 'no paywalled pages'],
  ['paywall', 'paywalled pages only'],
] as const;

export const GROUP_CHOICES = [
  ['story', 'by story'],
  ['none', 'every article'],
] as const;

/** The search page: a filter form, then one card per story with its copies folded under it. */
export function searchPage(form: SearchForm, result: SearchResult | null, problem?: string): string {
  const body = html`
<form class="filters" action="/" method="get">
  <input type="hidden" name="q" value="${form.q}">
  <label>Outlet domain <input name="domain" value="${form.domain}" placeholder="voanews.com"></label>
  <label>Language <input name="language" value="${form.language}" placeholder="de, fr" size="8"></label>
  <label>From <input type="date" name="from" value="${form.from}"></label>
  <label>To <input type="date" name="to" value="${form.to}"></label>
  <label>Show <select name="flags">${FLAG_CHOICES.map(([value, label]) => html`<option value="${value}"${value === form.flags ? html` selected` : ''}>${label}</option>`)}</select></label>
  <label>Group <select name="group">${GROUP_CHOICES.map(([value, label]) => html`<option value="${value}"${value === form.group ? html` selected` : ''}>${label}</option>`)}</select></label>
  <button type="submit">Filter</button>
</form>
${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
${result ? results(form, result) : ''}`;
  return layout(form.q ? `${form.q} – search` : 'Search', body, form.q).value;
}

function results(form: SearchForm, result: SearchResult): SafeHtml {
  if (result.groups.length === 0)
    return html`<p class="empty">No articles match. Try fewer words or drop a filter.</p>`;
  const summary =
    form.group === 'none'
      ? html`${result.total} ${result.total === 1 ? 'article' : 'articles'}`
      : html`${result.totalGroups} ${result.totalGroups === 1 ? 'story' : 'stories'}, ${result.total} ${result.total === 1 ? 'article' : 'articles'}`;
  return html`<p class="summary">${summary}</p>
<ol class="stories">${result.groups.map(storyCard)}</ol>
${pager(form, result)}`;
}

function storyCard(group: ArticleGroup): SafeHtml {
  const { top, copies } = group;
  const headline = top.highlight.title ? renderHighlight(top.highlight.title) : (top.article.title ?? '(untitled)');
  const snippet = top.highlight.body?.[0];
  return html`<li class="story" data-cluster="${group.clusterId}"${langAttribute(top)}>
  <h2><a href="/stories/${encodeURIComponent(group.storyKey)}">${headline}</a></h2>
  <p class="meta"><span class="outlets">${outletsOfGroup(group).join(' · ')}</span> · ${timeSpan([top, ...copies])}${updatedBadge(top)}</p>
  ${snippet ? html`<p class="snippet">${renderHighlight(snippet)}</p>` : ''}
  ${copies.length ? html`<details class="copies"><summary>${foldedLabel(group)}</summary><ul>${copies.map(copyLine)}</ul></details>` : ''}
</li>`;
}

/** An article a re-crawl found changed: "updated" with the time, linking to its versions. */
export function updatedBadge(hit: ArticleHit): SafeHtml | '' {
  if ((hit.article.version ?? 1) <= 1) return '';
  return html` · <a class="updated" href="/articles/${encodeURIComponent(hit.docId)}#versions">updated</a> ${timeOf(hit.article.updatedAt)}`;
}

/** Copies are the same text at another outlet; other members of a story are other write-ups of it. */
function foldedLabel({ top, copies, matches }: ArticleGroup): string {
  const more = Math.max(copies.length, matches - 1);
  if (copies.every((copy) => copy.article.clusterId === top.article.clusterId))
    return `${more} more ${more === 1 ? 'copy' : 'copies'} of this story`;
  return `${more} more ${more === 1 ? 'article' : 'articles'} in this story`;
}

/** When the story was first and last reported, from the copies' publication (or fetch) times. */
function timeSpan(hits: ArticleHit[]): SafeHtml {
  const times = hits
    .map((hit) => hit.article.publishedAt ?? hit.article.fetchedAt)
    .filter((time): time is string => Boolean(time))
    .sort();
  const first = times[0];
  const last = times.at(-1);
  if (!first || !last || first === last) return timeOf(first);
  return html`first ${timeOf(first)}, latest ${timeOf(last)}`;
}

function copyLine(hit: ArticleHit): SafeHtml {
  return html`<li${langAttribute(hit)}><a href="${safeUrl(hit.article.url)}" rel="noopener noreferrer">${hit.article.title ?? '(untitled)'}</a> <span class="outlet">${outletOf(hit)}</span> ${timeOf(hit.article.publishedAt)}</li>`;
}

/**
 * The article's language on its card, so browsers and screen readers hyphenate and pronounce a
 * German headline as German on this English page. Only a well-formed language tag is written.
 */
function langAttribute(hit: ArticleHit): SafeHtml | '' {
  const language = hit.article.language;
  return language && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(language) ? html` lang="${language}"` : '';
}

/** Only http(s) links are rendered as links; anything else (javascript:, data:) becomes inert. */
export function safeUrl(url: string | undefined): string {
  return url && /^https?:\/\//i.test(url) ? url : '#';
}

function pager(form: SearchForm, result: SearchResult): SafeHtml {
  const pages = Math.ceil(result.totalGroups / result.size);
  if (pages <= 1) return html``;
  const link = (page: number, label: string) => {
    const params = new URLSearchParams({
      q: form.q,
      domain: form.domain,
      language: form.language,
      from: form.from,
      to: form.to,
      flags: form.flags,
      group: form.group,
      page: String(page),
    });
    return html`<a href="/?${params.toString()}">${label}</a>`;
  };
  return html`<nav class="pager">${form.page > 1 ? link(form.page - 1, '← newer') : ''} page ${form.page} of ${pages} ${form.page < pages ? link(form.page + 1, 'older →') : ''}</nav>`;
}
