import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { Api } from '../api-client.ts';
import { apiFor, printJson } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { paint } from '../output.ts';

interface ReindexState {
  status: 'idle' | 'running' | 'done' | 'failed';
  copied?: number;
  error?: string;
  result?: { from: string; to: string; copied: number; tookMs: number };
}

export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description(
      'rebuild the index into a new version without downtime (or, given doc ids, re-send just those documents)',
    )
    .argument('[docIds...]', 'repair mode: only these documents go through the index stage again')
    .option('--no-wait', 'start the reindex and return at once')
    .option('--json', 'print the API answer as JSON')
    .action(async (docIds: string[], options: { wait: boolean; json?: boolean }, command: Command) => {
      const api = apiFor(command);
      if (docIds.length) return repair(api, docIds, Boolean(options.json));
      let state = await api<ReindexState>('POST', '/api/reindex', {});
      while (options.wait && state.status === 'running') {
        await sleep(500);
        state = await api<ReindexState>('GET', '/api/reindex');
        if (process.stderr.isTTY) process.stderr.write(`\rcopied ${state.copied ?? 0} documents…`);
      }
      if (options.json) printJson(state);
      else process.stdout.write(`${describe(state)}\n`);
      if (state.status === 'failed')
        throw new CliError(EXIT.unavailable, `reindex failed: ${state.error ?? 'unknown error'}`);
    });
}

async function repair(api: Api, docIds: string[], json: boolean): Promise<void> {
  const answer = await api<{ queued: number; skipped: number }>('POST', '/api/resend', { docIds });
  if (json) return printJson(answer);
  process.stdout.write(
    `${paint('green', `${answer.queued} documents queued for indexing`)}${answer.skipped ? `, ${answer.skipped} skipped` : ''}\n`,
  );
}

function describe(state: ReindexState): string {
  if (state.status === 'running') return 'reindex started; follow it with "newsflow reindex" again or GET /api/reindex';
  if (state.status === 'done' && state.result)
    return paint(
      'green',
      `reindexed ${state.result.copied} documents from ${state.result.from} to ${state.result.to} in ${(state.result.tookMs / 1000).toFixed(1)} s`,
    );
  return `reindex ${state.status}`;
}
