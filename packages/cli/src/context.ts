import type { Command } from 'commander';
import { authorizationFromEnv, createApi } from './api-client.ts';
import type { Api } from './api-client.ts';

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

/** The API client for the running command, from --api or NEWSFLOW_API_URL, credentials from the environment. */
export function apiFor(command: Command): Api {
  const { api } = command.optsWithGlobals<{ api?: string }>();
  return createApi({
    baseUrl: api ?? process.env.NEWSFLOW_API_URL ?? DEFAULT_API_URL,
    authorization: authorizationFromEnv(process.env),
  });
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`expected a positive whole number, got ${JSON.stringify(value)}`);
  return parsed;
}
