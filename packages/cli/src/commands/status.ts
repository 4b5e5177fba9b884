import { setTimeout as sleep } from 'node:timers/promises';
import { Option } from 'commander';
import type { Command } from 'commander';
import { apiFor, printJson } from '../context.ts';
import { paint, table } from '../output.ts';

interface Stats {
  generatedAt: string;
  documents: number | null;
  queues: Array<{ name: string; counts: Record<string, number> }>;
  ratePerMinute: Record<string, number>;
  totals: { processed: Record<string, number>; failed: Record<string, number> };
  indexer?: { status: string; lastError: string | null };
}

interface StatusOptions {
  watch?: boolean;
  interval: string;
  iterations?: string;
  json?: boolean;
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('queue depths and throughput per stage')
    .option('-w, --watch', 'refresh until interrupted (Ctrl-C)')
    .option('--interval <seconds>', 'refresh interval with --watch', '2')
    .addOption(new Option('--iterations <n>', 'stop --watch after n refreshes').hideHelp())
    .option('--json', 'print the API answer as JSON')
    .action(async (options: StatusOptions, command: Command) => {
      const api = apiFor(command);
      const rounds = options.watch ? Number(options.iterations ?? Infinity) : 1;
      for (let round = 0; round < rounds; round++) {
        if (round > 0) await sleep(Math.max(0.5, Number(options.interval)) * 1000);
        const stats = await api<Stats>('GET', '/api/stats?minutes=6');
        if (options.json) printJson(stats);
        else draw(stats, Boolean(options.watch));
      }
    });
}

function draw(stats: Stats, watching: boolean): void {
  // On a terminal, --watch redraws in place; piped, each refresh is appended.
  if (watching && process.stdout.isTTY) process.stdout.write('\u001b[2J\u001b[H');
  process.stdout.write(`${renderStatus(stats)}\n`);
}

/** Pure: one row per stage with queue counts, throughput and totals. */
export function renderStatus(stats: Stats): string {
  const rows = stats.queues.map(({ name, counts }) => {
    const failed = counts.failed ?? 0;
    return [
      name,
      String((counts.waiting ?? 0) + (counts.prioritized ?? 0)),
      String(counts.active ?? 0),
      String(counts.delayed ?? 0),
      failed ? paint('red', String(failed)) : '0',
      String(stats.ratePerMinute[name] ?? 0),
      String(stats.totals.processed[name] ?? 0),
    ];
  });
  const header = ['queue', 'waiting', 'active', 'delayed', 'failed', 'done/min', 'processed'];
  const time = new Date(stats.generatedAt).toISOString().slice(11, 19);
  const indexer = stats.indexer
    ? ` · indexer ${stats.indexer.status}${stats.indexer.lastError && stats.indexer.status !== 'ok' ? ` (${stats.indexer.lastError})` : ''}`
    : '';
  return `${table(rows, header)}\n${paint('dim', `${stats.documents ?? '?'} documents searchable${indexer} · ${time} UTC`)}`;
}
