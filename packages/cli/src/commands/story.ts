import type { Command } from 'commander';
import { apiFor, positiveIntOption, printJson } from '../context.ts';
import type { ArticleSummary } from '../article-summary.ts';
import { paint, shortTime, table } from '../output.ts';

interface Story {
  storyId: string;
  total: number;
  firstSeen: string | null;
  lastUpdated: string | null;
  outlets: Array<{ domain: string; name?: string; articles: number }>;
  articles: Array<{ docId: string; article: ArticleSummary }>;
}

interface RecentStories {
  total: number;
  page: number;
  stories: Array<{
    storyId: string;
    added: number;
    total: number;
    outlets: number;
    lastUpdated: string | null;
    first: ArticleSummary;
  }>;
}

export function registerStory(program: Command): void {
  program
    .command('story')
    .description('show one story: its articles in time order, outlets, first seen, last updated')
    .argument('<id>', 'story id (as printed by "newsflow search" or "newsflow stories")')
    .option('--json', 'print the API answer as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const story = await apiFor(command)<Story>('GET', `/api/stories/${encodeURIComponent(id)}`);
      if (options.json) return printJson(story);
      process.stdout.write(`${renderStory(story)}\n`);
    });
  program
    .command('stories')
    .description('stories that grew recently, most recently grown first')
    .option('--since <time>', 'ISO date-time (default: 24 hours ago)')
    .option('--page <n>', 'result page', positiveIntOption, 1)
    .option('--size <n>', 'stories per page (max 100)', positiveIntOption, 20)
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { since?: string; page: number; size: number; json?: boolean }, command: Command) => {
      const params = new URLSearchParams({ page: String(options.page), size: String(options.size) });
      if (options.since) params.set('since', options.since);
      const recent = await apiFor(command)<RecentStories>('GET', `/api/stories?${params.toString()}`);
      if (options.json) return printJson(recent);
      process.stdout.write(`${renderRecent(recent)}\n`);
    });
}

/** Pure: headline, counts and times, the outlets, then the timeline. */
export function renderStory(story: Story): string {
  const first = story.articles[0]?.article.title ?? '(untitled)';
  const outlets = story.outlets.map((outlet) => `${outlet.name ?? outlet.domain} (${outlet.articles})`).join(', ');
  const rows = story.articles.map(({ article, docId }) => [
    shortTime(article.publishedAt ?? article.fetchedAt),
    article.siteName ?? article.domain ?? '?',
    article.title ?? '(untitled)',
    paint('dim', docId),
  ]);
  return [
    paint('bold', first),
    `${story.total} articles in story ${story.storyId} · first seen ${shortTime(story.firstSeen ?? undefined)} · last updated ${shortTime(story.lastUpdated ?? undefined)} (UTC)`,
    `outlets: ${outlets}`,
    '',
    table(rows, ['published (UTC)', 'outlet', 'title', 'doc id']),
  ].join('\n');
}

export function renderRecent(recent: RecentStories): string {
  if (recent.stories.length === 0) return 'No story grew in that time.';
  const rows = recent.stories.map((story) => [
    shortTime(story.lastUpdated ?? undefined),
    `+${story.added}`,
    `${story.total} / ${story.outlets}`,
    story.first.title ?? '(untitled)',
    paint('dim', story.storyId),
  ]);
  const header = ['last updated (UTC)', 'new', 'articles / outlets', 'first headline', 'story id'];
  return `${table(rows, header)}\n\n${paint('dim', `${recent.total} ${recent.total === 1 ? 'story' : 'stories'} grew · page ${recent.page}`)}`;
}
