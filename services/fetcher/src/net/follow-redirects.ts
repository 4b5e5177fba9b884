import { StageError } from '@newsflow/contracts';
import { checkTarget } from './ssrf-guard.ts';
import { discard, header } from './http-client.ts';
import type { HopResponse, HttpClient } from './http-client.ts';

export interface FollowOptions {
  headers: Record<string, string>;
  maxRedirects: number;
  /** Called before every hop after the first (robots.txt of the new target, for instance). */
  beforeRedirect?: (url: URL) => Promise<void>;
}

export interface FollowedResponse extends HopResponse {
  /** Every URL requested before the final one, in order. */
  redirects: string[];
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * GET with redirects followed by hand, so every hop is re-checked: scheme, credentials, IP
 * literal and (through the client's connector) the resolved and connected address.
 */
export async function followRedirects(
  client: HttpClient,
  start: string,
  options: FollowOptions,
): Promise<FollowedResponse> {
  const redirects: string[] = [];
  let current = checkTarget(start, client.allow);
  for (;;) {
    const response = await client.hop(current, options.headers);
    const location = header(response, 'location');
    if (!REDIRECT.has(response.status) || location === undefined) return { ...response, redirects };
    discard(response);
    const next = resolveLocation(location, current);
    redirects.push(current.href);
    if (redirects.includes(next)) throw new StageError('too-many-redirects', `redirect loop back to ${next}`);
    if (redirects.length > options.maxRedirects)
      throw new StageError('too-many-redirects', `more than ${options.maxRedirects} redirects from ${start}`);
    current = checkTarget(next, client.allow);
    await options.beforeRedirect?.(current);
  }
}

function resolveLocation(location: string, base: URL): string {
  try {
    const next = new URL(location, base);
    next.hash = '';
    return next.href;
  } catch {
    throw new StageError('invalid-url', `unparseable redirect location ${JSON.stringify(location.slice(0, 200))}`);
  }
}
