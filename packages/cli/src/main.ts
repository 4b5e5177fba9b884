#!/usr/bin/env node
import { CommanderError } from 'commander';
import { CliError, EXIT } from './exit-codes.ts';
import { paint } from './output.ts';
import { buildProgram } from './program.ts';

/** Runs the CLI and sets the exit code: see EXIT_CODES_HELP, printed by --help. */
async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error);
    if (error instanceof CliError) {
      process.stderr.write(`${paint('red', 'newsflow:', process.stderr)} ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `newsflow: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.error;
  }
}

/** Help and version exit 0; commander's own usage errors (exit 1) become EXIT.usage. */
function commanderExit(error: CommanderError): number {
  if (error.exitCode === 0) return EXIT.ok;
  return error.exitCode === 1 ? EXIT.usage : error.exitCode;
}

process.exitCode = await main(process.argv);
