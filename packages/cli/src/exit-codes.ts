/** Exit codes scripts can rely on; `newsflow --help` prints this table. */
export const EXIT = {
  ok: 0,
  /** Anything unexpected (a bug, an unreadable file). */
  error: 1,
  /** Bad command line: unknown option, missing argument. */
  usage: 2,
  /** The API could not be reached, or answered with a server error (5xx). */
  unavailable: 3,
  /** The API refused the credentials (401/403): set NEWSFLOW_API_TOKEN or NEWSFLOW_API_BASIC_AUTH. */
  auth: 4,
  /** The API rejected the input (4xx), or `add` had at least one URL rejected. */
  rejected: 5,
  /** The story, article or route asked for does not exist (404). */
  notFound: 6,
  /** `verify` found URLs lost, duplicated or still pending, jobs left active, or hostile cases failed. */
  unverified: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  unexpected error
  2  usage error (unknown option, missing argument)
  3  API unreachable or server error (5xx)
  4  credentials refused (401/403)
  5  input rejected (4xx), or some URLs rejected by "add"
  6  not found (404)
  7  verify: something lost, duplicated, pending or stuck (see its report)`;

/** An error that ends the command with a given exit code and a message for stderr. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCode;
  /** The API's error body, when there was one. */
  readonly details: unknown;
  constructor(exitCode: ExitCode, message: string, details?: unknown) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
  }
}
