import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { apiFor, printJson, positiveIntOption } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { paint, progressBar } from '../output.ts';
import { escapeForTerminal } from '../terminal-safe.ts';

interface AddOptions {
  file?: string;
  batchSize: number;
  json?: boolean;
}

interface IntakeResponse {
  accepted: Array<{ url: string; docId: string }>;
  rejected: Array<{ input: string; error: string }>;
}

export function registerAdd(program: Command): void {
  program
    .command('add')
    .description('submit article URLs to fetch (arguments, or one per line with --file)')
    .argument('[urls...]', 'http(s) URLs')
    .option('-f, --file <path>', 'read URLs from a file, one per line ("-" for stdin; # starts a comment)')
    .option('--batch-size <n>', 'URLs per request', (value) => positiveIntOption(value), 500)
    .option('--json', 'print every accepted and rejected URL as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  newsflow add https://example.com/news/1 https://example.com/news/2\n  newsflow add --file urls.txt\n  cat urls.txt | newsflow add --file -',
    )
    .action(async (urls: string[], options: AddOptions, command: Command) => {
      const inputs = [...urls, ...(options.file ? await readUrls(options.file) : [])];
      if (inputs.length === 0)
        command.error('no URLs given: pass them as arguments or with --file', { exitCode: EXIT.usage });
      const result = await submitInBatches(command, inputs, options.batchSize);
      if (options.json) printJson(result);
      else printSummary(result);
      if (result.rejected.length > 0) process.exitCode = EXIT.rejected;
    });
}

async function readUrls(file: string): Promise<string[]> {
  const text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Batches go one after another; a batch the API refuses whole (every URL invalid) counts as rejected. */
async function submitInBatches(command: Command, inputs: string[], batchSize: number): Promise<IntakeResponse> {
  const api = apiFor(command);
  const result: IntakeResponse = { accepted: [], rejected: [] };
  const bar = progressBar(inputs.length);
  for (let start = 0; start < inputs.length; start += batchSize) {
    const batch = inputs.slice(start, start + batchSize);
    const answer = await api<IntakeResponse>('POST', '/api/urls', batch).catch((error: unknown) =>
      wholeBatchRejected(error),
    );
    result.accepted.push(...answer.accepted);
    result.rejected.push(...answer.rejected);
    bar.update(
      Math.min(inputs.length, start + batchSize),
      `accepted ${result.accepted.length}, rejected ${result.rejected.length}`,
    );
  }
  bar.finish();
  return result;
}

function wholeBatchRejected(error: unknown): IntakeResponse {
  const rejected =
    error instanceof CliError && error.exitCode === EXIT.rejected
      ? (error.details as Partial<IntakeResponse> | null)?.rejected
      : undefined;
  if (rejected) return { accepted: [], rejected };
  throw error;
}

/**
 * Rejections are escaped here, where they are printed: a batch refused whole arrives as an error's
 * raw payload, and its inputs reached the terminal unescaped (hostile catalogue, cli section).
 */
function printSummary(result: IntakeResponse): void {
  for (const { input, error } of result.rejected.slice(0, 50))
    process.stderr.write(
      `${paint('red', 'rejected', process.stderr)} ${escapeForTerminal(input)}: ${escapeForTerminal(error)}\n`,
    );
  if (result.rejected.length > 50) process.stderr.write(`… and ${result.rejected.length - 50} more rejected\n`);
  const accepted = paint('green', `${result.accepted.length} accepted`);
  const rejected = result.rejected.length ? paint('red', `${result.rejected.length} rejected`) : '0 rejected';
  process.stdout.write(`${accepted}, ${rejected}\n`);
}
