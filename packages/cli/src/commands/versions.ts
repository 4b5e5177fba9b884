import type { Command } from 'commander';
import { apiFor, printJson } from '../context.ts';
import { paint, shortTime, table } from '../output.ts';

export interface ArticleVersions {
  docId: string;
  versions: Array<{
    version: number;
    title: string;
    fetchedAt: string;
    wordCount?: number;
    current?: boolean;
    changes?: { summary: string };
  }>;
}

/** `newsflow versions ID`: the versions re-crawls found, with what each changed. */
export function registerVersions(program: Command): void {
  program
    .command('versions')
    .description("an article's versions (re-crawls that changed it), oldest first, with what each changed")
    .argument('<id>', 'document id (as printed by "newsflow story")')
    .option('--json', 'print the API answer as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const answer = await apiFor(command)<ArticleVersions>('GET', `/api/articles/${encodeURIComponent(id)}/versions`);
      if (options.json) return printJson(answer);
      process.stdout.write(`${renderVersions(answer)}\n`);
    });
}

/** Pure: one row per version, the current one marked. */
export function renderVersions(answer: ArticleVersions): string {
  const rows = answer.versions.map((version) => [
    `v${version.version}${version.current ? ' (current)' : ''}`,
    shortTime(version.fetchedAt),
    version.changes?.summary ?? 'first seen',
    version.title,
  ]);
  const count = answer.versions.length;
  return `${table(rows, ['version', 'fetched (UTC)', 'what changed', 'title'])}\n\n${paint('dim', `${count} version${count === 1 ? '' : 's'} of ${answer.docId}`)}`;
}
