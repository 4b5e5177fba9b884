export { buildProgram } from './program.ts';
export { EXIT, EXIT_CODES_HELP, CliError } from './exit-codes.ts';
export { createApi, authorizationFromEnv } from './api-client.ts';
export { renderResults } from './commands/search.ts';
export { renderStatus } from './commands/status.ts';
export { renderFailed } from './commands/failed.ts';
export { renderVersions } from './commands/versions.ts';
