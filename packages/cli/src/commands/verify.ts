import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { faultsByKind, runLedgerSchema } from '@newsflow/contracts';
import type { AccountCounts, RunLedger } from '@newsflow/contracts';
import { apiFor, printJson } from '../context.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { paint, table } from '../output.ts';

/** GET /api/verify, as the API answers it. */
export interface VerifyAnswer extends AccountCounts {
  generatedAt: string;
  since: string | null;
  urlsIn: number;
  outside: number;
  active: Record<string, number>;
  samples: { lost: string[]; pending: string[] };
}

export interface VerifyReport extends VerifyAnswer {
  /** what the run ledgers add: what was done to the pipeline (never what became of the URLs) */
  ledgers: number;
  urlsAccepted: number | null;
  /** URLs the suites were answered 202 for that the intake ledger does not hold (counted as lost) */
  missingFromIntake: number;
  faults: Record<string, number>;
  hostile: { tried: number; passed: number; failedCases: string[] };
  ok: boolean;
}

interface VerifyOptions {
  ledger: string[];
  since?: string;
  json?: boolean;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('account for every accepted URL: indexed, failed by reason, lost and duplicated (must be 0)')
    .option('--ledger <file>', 'a run ledger a suite wrote (faults injected, hostile cases); repeatable', collect, [])
    .option('--since <time>', 'only URLs accepted from then on (ISO 8601); default: the whole intake ledger')
    .option('--json', 'print the report as JSON')
    .action(async (options: VerifyOptions, command: Command) => {
      const ledgers = options.ledger.map(readLedger);
      const params = new URLSearchParams({ sample: '20' });
      if (options.since) params.set('since', new Date(options.since).toISOString());
      const answer = await apiFor(command)<VerifyAnswer>('GET', `/api/verify?${params.toString()}`);
      const report = buildReport(answer, ledgers);
      if (options.json) printJson(report);
      else process.stdout.write(`${renderVerify(report)}\n`);
      if (!report.ok) process.exitCode = EXIT.unverified;
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function readLedger(file: string): RunLedger {
  try {
    return runLedgerSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new CliError(EXIT.usage, `${file} is not a run ledger: ${(error as Error).message.slice(0, 300)}`);
  }
}

/** Pure: the API's account plus what the ledgers say was done; ok when nothing is lost, duplicated or pending. */
export function buildReport(answer: VerifyAnswer, ledgers: readonly RunLedger[]): VerifyReport {
  const accepted = ledgers.length ? ledgers.reduce((sum, ledger) => sum + ledger.urlsAccepted, 0) : null;
  const missingFromIntake = accepted === null ? 0 : Math.max(0, accepted - answer.urlsIn);
  const faults = faultsByKind(ledgers.flatMap((ledger) => ledger.faults));
  const hostile = {
    tried: ledgers.reduce((sum, ledger) => sum + ledger.hostile.tried, 0),
    passed: ledgers.reduce((sum, ledger) => sum + ledger.hostile.passed, 0),
    failedCases: ledgers.flatMap((ledger) => ledger.hostile.failedCases),
  };
  const lost = answer.lost + missingFromIntake;
  const stuck = Object.values(answer.active).reduce((sum, n) => sum + n, 0);
  const ok = lost === 0 && answer.duplicated === 0 && answer.pending === 0 && hostile.passed === hostile.tried;
  return {
    ...answer,
    lost,
    ledgers: ledgers.length,
    urlsAccepted: accepted,
    missingFromIntake,
    faults,
    hostile,
    ok: ok && stuck === 0,
  };
}

/** Pure: the report as the operator reads it. */
export function renderVerify(report: VerifyReport): string {
  const mark = (good: boolean, text: string) => paint(good ? 'green' : 'red', text);
  const rows: string[][] = [
    [
      'URLs in',
      String(report.urlsIn) +
        (report.urlsAccepted === null ? '' : ` (suites were answered 202 for ${report.urlsAccepted})`),
    ],
    ['indexed', String(report.indexed)],
    ...byReason('failed', report.failed),
    ...byReason('skipped', report.skipped),
    ['pending', mark(report.pending === 0, String(report.pending))],
    ['lost', mark(report.lost === 0, `${report.lost} (must be 0)`)],
    ['duplicated', mark(report.duplicated === 0, `${report.duplicated} (must be 0)`)],
    ['active jobs', listing(report.active)],
    ['other documents', `${report.outside} in the index, not from these URLs`],
    ['faults injected', Object.keys(report.faults).length ? listing(report.faults) : 'none recorded'],
    ['hostile cases', `${report.hostile.passed} passed of ${report.hostile.tried} tried`],
  ];
  const samples = [
    ...report.samples.lost.map((docId) => `lost: ${docId}`),
    ...report.samples.pending.map((docId) => `pending: ${docId}`),
    ...report.hostile.failedCases.map((name) => `hostile case failed: ${name}`),
  ];
  const verdict = report.ok
    ? mark(true, 'verified: every URL indexed once or failed with a reason')
    : mark(false, 'NOT verified');
  return [table(rows), ...samples.map((line) => paint('dim', line)), verdict].join('\n');
}

function byReason(label: string, counts: Record<string, number>): string[][] {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return [[label, String(total)], ...entries.map(([reason, n]) => [`  ${reason}`, String(n)])];
}

function listing(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}
