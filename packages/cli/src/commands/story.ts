import type { Command } from 'commander';
import { apiFor, printJson } from '../context.ts';
import type { ArticleSummary } from '../article-summary.ts';
import { paint, shortTime, table } from '../output.ts';

interface Story {
  clusterId: string;
  total: number;
  articles: Array<{
    docId: string;
    article: ArticleSummary;
  }>;
}

export function registerStory(program: Command): void {
  program
    .command('story')
    .description('show one story: its articles on a timeline, oldest first')
    .argument('<id>', 'story id (as printed by "newsflow search")')
    .option('--json', 'print the API answer as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const story = await apiFor(command)<Story>('GET', `/api/stories/${encodeURIComponent(id)}`);
      if (options.json) return printJson(story);
      const first = story.articles[0]?.article.title ?? '(untitled)';
      const rows = story.articles.map(({ article, docId }) => [
        shortTime(article.publishedAt ?? article.fetchedAt),
        article.siteName ?? article.domain ?? '?',
        article.title ?? '(untitled)',
        paint('dim', docId),
      ]);
      process.stdout.write(
        `${paint('bold', first)}\n${story.total} articles in story ${story.clusterId}\n\n${table(rows, ['published (UTC)', 'outlet', 'title', 'doc id'])}\n`,
      );
    });
}
