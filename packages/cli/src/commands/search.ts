import type { Command } from 'commander';
import { apiFor, printJson } from '../context.ts';
import type { ArticleSummary } from '../article-summary.ts';
import { highlightText, paint, shortTime, table } from '../output.ts';

interface Hit {
  docId: string;
  article: ArticleSummary;
  highlight: { title?: string; body?: string[] };
}

interface SearchResult {
  total: number;
  totalGroups: number;
  page: number;
  size: number;
  groups: Array<{
    storyKey?: string;
    clusterId: string;
    matches?: number;
    outlets?: string[];
    top: Hit;
    copies: Hit[];
  }>;
}

interface SearchOptions {
  domain?: string;
  from?: string;
  to?: string;
  page?: string;
  size?: string;
  flat?: boolean;
  json?: boolean;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('full-text search; results grouped by story, copies listed under each')
    .argument('<query...>', 'words, "quoted phrases", -excluded, a OR b')
    .option('--domain <list>', 'only these outlet domains (comma-separated)')
    .option('--from <date>', 'published on or after (YYYY-MM-DD)')
    .option('--to <date>', 'published on or before (YYYY-MM-DD)')
    .option('--page <n>', 'result page', '1')
    .option('--size <n>', 'stories per page (max 100)', '10')
    .option('--flat', 'every article on its own instead of one result per story')
    .option('--json', 'print the API answer as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  newsflow search kremlin putin\n  newsflow search "ukraine crisis" --from 2021-12-01 --json | jq .groups[0].top.article.title',
    )
    .action(async (words: string[], options: SearchOptions, command: Command) => {
      const params = new URLSearchParams({
        q: words.join(' '),
        page: options.page ?? '1',
        size: options.size ?? '10',
        collapse: options.flat ? 'none' : 'story',
      });
      for (const key of ['domain', 'from', 'to'] as const) if (options[key]) params.set(key, options[key]);
      const result = await apiFor(command)<SearchResult>('GET', `/api/search?${params.toString()}`);
      if (options.json) return printJson(result);
      process.stdout.write(`${renderResults(result)}\n`);
    });
}

/** Pure: a story per block: headline, outlets and story id, then one row per listed article. */
export function renderResults(result: SearchResult): string {
  if (result.groups.length === 0) return 'No articles match.';
  const blocks = result.groups.map((group, index) => {
    const hits = [group.top, ...group.copies];
    const outlets = (group.outlets ?? [...new Set(hits.map(outletOf))]).join(', ');
    const matches = Math.max(group.matches ?? 0, hits.length);
    const headline = group.top.highlight.title
      ? highlightText(group.top.highlight.title)
      : (group.top.article.title ?? '(untitled)');
    const snippet = group.top.highlight.body?.[0];
    const rows = hits.map((hit) => [
      '   ',
      shortTime(hit.article.publishedAt ?? hit.article.fetchedAt),
      outletOf(hit),
      paint('dim', hit.article.url ?? ''),
    ]);
    return [
      `${paint('bold', `${(result.page - 1) * result.size + index + 1}.`)} ${headline}`,
      `   ${paint('cyan', `story ${group.storyKey ?? group.clusterId}`)} · ${plural(matches, 'article', 'articles')} · ${outlets}`,
      ...(snippet ? [`   ${highlightText(snippet)}`] : []),
      table(rows),
    ].join('\n');
  });
  const footer = paint(
    'dim',
    `${plural(result.totalGroups, 'story', 'stories')}, ${plural(result.total, 'article', 'articles')} · page ${result.page}`,
  );
  return `${blocks.join('\n\n')}\n\n${footer}`;
}

function outletOf(hit: Hit): string {
  return hit.article.siteName ?? hit.article.domain ?? '?';
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
