import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { guardedConnector } from './ssrf-guard.ts';
import type { Resolver } from './ssrf-guard.ts';
import type { AllowList } from './ip-policy.ts';
import { toStageError } from './errors.ts';

export interface HttpLimits {
  userAgent: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Deadline for the whole hop, body included: defeats slow drips that keep the idle timer happy. */
  totalTimeoutMs: number;
}

export interface HopResponse {
  url: URL;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
  /** Aborts when the hop's overall deadline passes; pass it on to readBody. */
  deadline: AbortSignal;
}

export interface HttpClient {
  limits: HttpLimits;
  allow: AllowList;
  /** One GET without following redirects; connection-level failures come back as StageErrors. */
  hop(url: URL, headers: Record<string, string>): Promise<HopResponse>;
  close(): Promise<void>;
}

export function createHttpClient(limits: HttpLimits, allow: AllowList, resolver?: Resolver): HttpClient {
  const agent = new Agent({
    connect: guardedConnector(allow, limits.connectTimeoutMs, resolver),
    headersTimeout: limits.headersTimeoutMs,
    bodyTimeout: limits.bodyTimeoutMs,
    connections: 64,
    keepAliveTimeout: 4_000,
  });
  const hop = async (url: URL, headers: Record<string, string>): Promise<HopResponse> => {
    const deadline = AbortSignal.timeout(limits.totalTimeoutMs);
    try {
      const response = await request(url, {
        method: 'GET',
        dispatcher: agent,
        signal: deadline,
        headers: { 'user-agent': limits.userAgent, 'accept-encoding': 'gzip, deflate, br', ...headers },
      });
      // A body nobody reads must not keep the socket: swallow late errors on it.
      response.body.on('error', () => undefined);
      return { url, status: response.statusCode, headers: response.headers, body: response.body, deadline };
    } catch (error) {
      throw toStageError(error, deadline);
    }
  };
  return { limits, allow, hop, close: () => agent.close() };
}

/** Throws away an unread body without waiting for it (it may never end). */
export function discard(response: HopResponse): void {
  response.body.destroy();
}

export function header(response: HopResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
