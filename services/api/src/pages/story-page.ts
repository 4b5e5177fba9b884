import type { ArticleHit } from '@newsflow/search';
import { html, timeOf } from './html.ts';
import { layout } from './layout.ts';
import { safeUrl } from './search-page.ts';
import { outletOf } from '../stories/story-aggs.ts';
import type { StoryTimeline } from '../stories/story-timeline.ts';

/** A story: the first report's headline, its outlets and times, then every article on a timeline, oldest first. */
export function storyPage(story: StoryTimeline): string {
  const title = story.articles[0]?.article.title ?? 'Story';
  const outlets = story.outlets.length;
  const body = html`<article class="story-page" data-story="${story.storyId}">
  <p class="crumb"><a href="/">← search</a></p>
  <h1>${title}</h1>
  <p class="meta">${story.total} ${story.total === 1 ? 'article' : 'articles'} from ${outlets} ${outlets === 1 ? 'outlet' : 'outlets'} · first seen <span class="first-seen">${timeOf(story.firstSeen ?? undefined)}</span> · last updated <span class="last-updated">${timeOf(story.lastUpdated ?? undefined)}</span></p>
  <ul class="outlets">${story.outlets.map((outlet) => html`<li>${outlet.name ?? outlet.domain} <span class="count">${outlet.articles}</span></li>`)}</ul>
  <ol class="timeline">${story.articles.map(entry)}</ol>
</article>`;
  return layout(title, body).value;
}

function entry(hit: ArticleHit): ReturnType<typeof html> {
  const { article } = hit;
  return html`<li class="entry" data-doc="${hit.docId}">
  <div class="when">${timeOf(article.publishedAt ?? article.fetchedAt)}</div>
  <div class="what"><a class="title" href="${safeUrl(article.url)}" rel="noopener noreferrer">${article.title ?? '(untitled)'}</a>
  <span class="outlet">${outletOf(hit)}</span> · <a class="path" href="/articles/${hit.docId}">pipeline</a>${article.authors?.length ? html` · <span class="authors">${article.authors.join(', ')}</span>` : ''}
  ${article.subtitle ? html`<p class="subtitle">${article.subtitle}</p>` : ''}</div>
</li>`;
}

/** A page that only says what went wrong, with the way back. */
function problemPage(title: string, message: string): string {
  return layout(title, html`<p class="problem">${message}</p><p><a href="/">Back to search</a></p>`).value;
}

export const errorPage = (message: string): string => problemPage('Search unavailable', message);

export const notFoundPage = (message: string): string => problemPage('Not found', message);
