import type { ArticleVersion } from '@newsflow/contracts';
import type { EsArticle } from '@newsflow/search';
import type { ArticlePath, StageStep } from '../article-path.ts';
import { html, timeOf } from './html.ts';
import type { SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { safeUrl } from './search-page.ts';

const STAGE_LABEL: Record<string, string> = {
  fetch: 'fetched',
  render: 'rendered',
  clean: 'cleaned',
  dedupe: 'clustered',
  index: 'indexed',
};

/** A rendered page's path has two cleans: the shell's handed the page on to render. */
function labelOf(step: StageStep): string {
  if (step.page === 'shell') return 'JavaScript shell found';
  if (step.page === 'rendered') return 'cleaned (rendered page)';
  return STAGE_LABEL[step.stage] ?? step.stage;
}

/** One article and its way through the pipeline: when each stage finished, or where it failed. */
export function articlePage(
  docId: string,
  article: Partial<EsArticle> | null,
  path: ArticlePath,
  versions: readonly ArticleVersion[] = [],
): string {
  const title = article?.title ?? `Document ${docId}`;
  const body = html`<article class="article-page">
  <p class="crumb"><a href="/">← search</a>${path.clusterId ? html` · <a href="/stories/${encodeURIComponent(path.clusterId)}">story</a>` : ''}</p>
  <h1>${title}</h1>
  ${article ? html`<p class="meta"><a href="${safeUrl(article.url)}" rel="noopener noreferrer">${article.siteName ?? article.domain ?? article.url}</a> ${timeOf(article.publishedAt)}${article.authors?.length ? html` · ${article.authors.join(', ')}` : ''}</p>` : html`<p class="meta">Not indexed (yet).</p>`}
  ${article ? alsoQuotes(article) : ''}
  ${article ? versionList(article, versions) : ''}
  <h2>Path through the pipeline</h2>
  <ol class="timeline">
    ${milestone('submitted', path.submittedAt)}
    ${path.steps.map((step) => stepEntry(step, path))}
  </ol>
</article>`;
  return layout(title, body).value;
}

/** Copy clusters the article quotes without being a copy of them (a roundup, an excerpt inside other text). */
function alsoQuotes(article: Partial<EsArticle>): SafeHtml | '' {
  const related = article.relatedClusters ?? [];
  if (related.length === 0) return '';
  const links = related.map(
    (cluster, i) => html`${i > 0 ? ', ' : ''}<a href="/stories/${encodeURIComponent(cluster)}">${cluster}</a>`,
  );
  return html`<p class="meta related">also quotes ${links}</p>`;
}

/**
 * The versions a re-crawl found, newest first: each with its title, when it was fetched and what it
 * changed from the one before. Everything is article text and goes through the escaping `html` tag.
 */
function versionList(article: Partial<EsArticle>, versions: readonly ArticleVersion[]): SafeHtml | '' {
  const current = article.version ?? 1;
  if (current <= 1 && versions.length === 0) return '';
  const latest = html`<li class="entry"><div class="when">${timeOf(article.updatedAt ?? article.fetchedAt)}</div><div class="what"><strong>version ${current}</strong> (current) ${article.changes?.summary ?? ''}</div></li>`;
  const earlier = [...versions]
    .reverse()
    .map(
      (version) =>
        html`<li class="entry"><div class="when">${timeOf(version.fetchedAt)}</div><div class="what"><strong>version ${version.version}</strong> ${version.changes?.summary ?? 'first seen'}<p class="subtitle">${version.title}</p></div></li>`,
    );
  return html`<h2 id="versions">Versions</h2>
  <ol class="timeline versions">${latest}${earlier}</ol>`;
}

function stepEntry(step: StageStep, path: ArticlePath): SafeHtml {
  const label = labelOf(step);
  if (step.failure && step.state === 'failed') {
    return html`<li class="entry failed"><div class="when">${timeOf(step.finishedAt)}</div><div class="what"><strong>${step.stage}${step.page === 'rendered' ? ' (rendered page)' : ''} failed</strong> <span class="reason">${step.failure.reason}</span><p class="subtitle">${step.failure.message}</p></div></li>`;
  }
  const at = step.finishedAt ?? fromDocument(step.stage, path);
  if (step.state === 'gone' && !at) return html``;
  const state =
    step.state === 'completed' || step.state === 'gone'
      ? ''
      : html` <span class="state">(${step.state}${step.attempts ? `, attempt ${step.attempts + 1}` : ''})</span>`;
  return milestone(label, at, state);
}

function milestone(label: string, at: string | undefined, extra: SafeHtml | string = ''): SafeHtml {
  return html`<li class="entry"><div class="when">${timeOf(at)}</div><div class="what"><strong>${label}</strong>${extra}</div></li>`;
}

/** Completed jobs are removed after a day; the indexed document still knows when it was fetched and indexed. */
function fromDocument(stage: string, path: ArticlePath): string | undefined {
  if (stage === 'fetch') return path.fetchedAt;
  if (stage === 'index') return path.indexedAt;
  return undefined;
}
