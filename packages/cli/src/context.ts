import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { authorizationFromEnv, createApi } from './api-client.ts';
import type { Api } from './api-client.ts';
import { jsonForTerminal, terminalSafe } from './terminal-safe.ts';

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

/**
 * The API client for the running command, from --api or NEWSFLOW_API_URL, credentials from the
 * environment. Answers are server data: for text output every string in them is made safe for
 * the terminal here, once for every command; --json output keeps them exact (see printJson).
 */
export function apiFor(command: Command): Api {
  const { api, json } = command.optsWithGlobals<{ api?: string; json?: boolean }>();
  const request = createApi({
    baseUrl: api ?? process.env.NEWSFLOW_API_URL ?? DEFAULT_API_URL,
    authorization: authorizationFromEnv(process.env),
  });
  if (json) return request;
  return async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> =>
    terminalSafe(await request<T>(method, path, body));
}

export function printJson(value: unknown): void {
  process.stdout.write(`${jsonForTerminal(value)}\n`);
}

export function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`expected a positive whole number, got ${JSON.stringify(value)}`);
  return parsed;
}

/** positiveInt as a commander option parser: a bad value is a usage error naming the option. */
export function positiveIntOption(value: string): number {
  try {
    return positiveInt(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
