import { CliError, EXIT } from './exit-codes.ts';
import { escapeForTerminal } from './terminal-safe.ts';

export interface ApiOptions {
  baseUrl: string;
  /** Value of the Authorization header, from the environment (never from a flag: flags end up in shell history). */
  authorization?: string;
  timeoutMs?: number;
}

export const USER_AGENT = 'newsflow-cli/0.1.0';

/** Authorization from NEWSFLOW_API_TOKEN (bearer) or NEWSFLOW_API_BASIC_AUTH (user:password). */
export function authorizationFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.NEWSFLOW_API_TOKEN ?? env.API_TOKEN;
  if (token) return `Bearer ${token}`;
  const basic = env.NEWSFLOW_API_BASIC_AUTH ?? env.API_BASIC_AUTH;
  return basic ? `Basic ${Buffer.from(basic).toString('base64')}` : undefined;
}

export type Api = <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<T>;

/** A JSON client whose failures are CliErrors carrying the exit code scripts see. */
export function createApi(options: ApiOptions): Api {
  return async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    if (options.authorization) headers.authorization = options.authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = new URL(path, options.baseUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(
        EXIT.unavailable,
        `cannot reach the API at ${options.baseUrl} (${reason}); start it with "npm start" or pass --api`,
      );
    }
    const payload = await readJson(response);
    if (!response.ok) throw errorFor(response.status, payload, response.headers.get('retry-after'));
    return payload as T;
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { message: text.slice(0, 300) };
  }
}

function errorFor(status: number, payload: unknown, retryAfter: string | null = null): CliError {
  const message = escapeForTerminal(String((payload as { message?: unknown } | null)?.message ?? `HTTP ${status}`));
  if (status === 401 || status === 403)
    return new CliError(
      EXIT.auth,
      `the API refused the credentials (${status}): set NEWSFLOW_API_TOKEN or NEWSFLOW_API_BASIC_AUTH`,
    );
  if (status === 404) return new CliError(EXIT.notFound, message);
  // Back-pressure (a full pipeline, Redis unreachable): say why and when to come back, not "failed".
  if (status === 503 && retryAfter !== null && /^\d{1,6}$/.test(retryAfter))
    return new CliError(EXIT.unavailable, `the API is not taking work now (503): ${message}; retry in ${retryAfter} s`);
  if (status >= 500) return new CliError(EXIT.unavailable, `the API failed (${status}): ${message}`);
  return new CliError(EXIT.rejected, message, payload);
}
