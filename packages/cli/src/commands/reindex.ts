import type { Command } from 'commander';
import { apiFor, printJson } from '../context.ts';
import { paint } from '../output.ts';

export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('send indexed documents through the index stage again (after a mapping change, or to repair some)')
    .argument('[docIds...]', 'only these documents (default: all)')
    .option('--limit <n>', 'at most this many documents', '10000')
    .option('--json', 'print the API answer as JSON')
    .action(async (docIds: string[], options: { limit: string; json?: boolean }, command: Command) => {
      const body = { limit: Number(options.limit), ...(docIds.length ? { docIds } : {}) };
      const answer = await apiFor(command)<{ queued: number; skipped: number }>('POST', '/api/reindex', body);
      if (options.json) return printJson(answer);
      process.stdout.write(`${paint('green', `${answer.queued} documents queued for indexing`)}${answer.skipped ? `, ${answer.skipped} skipped (not valid documents)` : ''}\n`);
    });
}
