import type { Command } from 'commander';
// Types only (erased at run time): the CLI reads what the API answers.
import type { DeliveryRecord, PublicSavedSearch } from '@newsflow/api';
import { apiFor, printJson } from '../context.ts';
import { paint, shortTime, table } from '../output.ts';

type SavedSearch = PublicSavedSearch & { secret?: string };
type Delivery = DeliveryRecord;

interface AddOptions {
  name?: string;
  domain?: string;
  webhook?: string;
  json?: boolean;
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function registerSaved(program: Command): void {
  const saved = program
    .command('saved')
    .description('saved searches: a webhook is called, signed, when a new article or story matches');
  registerAdd(saved);
  registerListings(saved);
}

function registerAdd(saved: Command): void {
  saved
    .command('add')
    .description('save a search; prints its id (and the webhook secret, shown only now)')
    .argument('<query...>', 'words, "quoted phrases", -excluded, a OR b (as for search)')
    .option('--name <name>', 'a label for listings')
    .option('--domain <list>', 'only these outlet domains (comma-separated)')
    .option('--webhook <url>', 'POST matches here (the secret comes from $NEWSFLOW_WEBHOOK_SECRET, else is generated)')
    .option('--json', 'print the API answer as JSON')
    .action(async (words: string[], options: AddOptions, command: Command) => {
      const secret = process.env.NEWSFLOW_WEBHOOK_SECRET;
      const body = {
        query: words.join(' '),
        ...(options.name ? { name: options.name } : {}),
        ...(options.domain ? { domain: list(options.domain) } : {}),
        ...(options.webhook ? { webhookUrl: options.webhook, ...(secret ? { secret } : {}) } : {}),
      };
      const created = await apiFor(command)<SavedSearch>('POST', '/api/saved-searches', body);
      if (options.json) return printJson(created);
      const lines = [`saved search ${created.id}`];
      if (created.secret) lines.push(`webhook secret (shown once): ${created.secret}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

function registerListings(saved: Command): void {
  saved
    .command('list')
    .description('list saved searches')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const answer = await apiFor(command)<{ savedSearches: SavedSearch[] }>('GET', '/api/saved-searches');
      if (options.json) return printJson(answer);
      process.stdout.write(`${renderSaved(answer.savedSearches)}\n`);
    });
  saved
    .command('rm')
    .description('delete a saved search and its delivery log')
    .argument('<id>', 'as printed by "newsflow saved list"')
    .action(async (id: string, _options: unknown, command: Command) => {
      await apiFor(command)('DELETE', `/api/saved-searches/${encodeURIComponent(id)}`);
      process.stdout.write(`deleted saved search ${id}\n`);
    });
  saved
    .command('deliveries')
    .description("a saved search's webhook calls, newest first")
    .argument('<id>', 'as printed by "newsflow saved list"')
    .option('--failed', 'only the failed ones')
    .option('--json', 'print the API answer as JSON')
    .action(async (id: string, options: { failed?: boolean; json?: boolean }, command: Command) => {
      const query = options.failed ? '?status=failed' : '';
      const path = `/api/saved-searches/${encodeURIComponent(id)}/deliveries${query}`;
      const answer = await apiFor(command)<{ deliveries: Delivery[] }>('GET', path);
      if (options.json) return printJson(answer);
      process.stdout.write(`${renderDeliveries(answer.deliveries)}\n`);
    });
}

export function renderSaved(searches: SavedSearch[]): string {
  if (searches.length === 0) return 'No saved searches.';
  const rows = searches.map((search) => [
    search.id,
    search.name ?? '',
    search.filters.q ?? '',
    search.webhookUrl ?? paint('dim', '(no webhook)'),
    shortTime(search.createdAt),
  ]);
  return table(rows, ['id', 'name', 'query', 'webhook', 'created (UTC)']);
}

export function renderDeliveries(deliveries: Delivery[]): string {
  if (deliveries.length === 0) return 'No deliveries yet.';
  const rows = deliveries.map((delivery) => [
    shortTime(delivery.at),
    delivery.event,
    delivery.status === 'failed' ? paint('red', 'failed') : paint('green', 'delivered'),
    String(delivery.attempts),
    delivery.error ?? (delivery.httpStatus ? `HTTP ${delivery.httpStatus}` : ''),
  ]);
  return table(rows, ['at (UTC)', 'event', 'status', 'tries', 'detail']);
}
