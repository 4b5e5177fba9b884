import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '@newsflow/config';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** Probes for orchestrators: they reveal only up or down. */
const UNPROTECTED = new Set(['/healthz', '/readyz']);

export class InsecureBindError extends Error {
  override name = 'InsecureBindError';
}

/** Refuses to serve beyond loopback without credentials; checks them in constant time when set. */
export function registerAuth(
  app: FastifyInstance,
  config: Pick<Config, 'API_HOST' | 'API_TOKEN' | 'API_BASIC_AUTH'>,
): void {
  const expected = expectedAuthorizations(config);
  if (expected.length === 0) {
    if (!LOOPBACK.has(config.API_HOST))
      throw new InsecureBindError(`refusing to listen on ${config.API_HOST} without API_TOKEN or API_BASIC_AUTH`);
    registerLoopbackHostCheck(app);
    return;
  }
  app.addHook('onRequest', async (request, reply) => {
    if (UNPROTECTED.has(request.url)) return;
    if (expected.some((value) => safeEqual(authorizationOf(request), value))) return;
    await reply
      .code(401)
      .header('www-authenticate', 'Basic realm="newsflow"')
      .send({ error: 'Unauthorized', message: 'credentials required' });
  });
}

/**
 * Without credentials the API trusts being reachable only from this machine. A web page can still
 * reach it through DNS rebinding (its own host name resolving to 127.0.0.1), so requests must also
 * name a loopback host: a rebound name in the Host header is refused.
 */
function registerLoopbackHostCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (isLoopbackHost(request.headers.host)) return;
    await reply.code(421).send({
      error: 'Misdirected Request',
      message: 'without credentials this API answers only to a loopback Host (127.0.0.1, localhost, [::1])',
    });
  });
}

function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return LOOPBACK.has(new URL(`http://${host}`).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

function expectedAuthorizations(config: Pick<Config, 'API_TOKEN' | 'API_BASIC_AUTH'>): string[] {
  const values: string[] = [];
  if (config.API_TOKEN) values.push(`Bearer ${config.API_TOKEN}`);
  if (config.API_BASIC_AUTH) values.push(`Basic ${Buffer.from(config.API_BASIC_AUTH).toString('base64')}`);
  return values;
}

/** The Authorization header with its scheme spelled as we compare it: RFC 9110 §11.1 makes schemes case-insensitive. */
function authorizationOf(request: FastifyRequest): string {
  const match = /^([A-Za-z][\w!#$%&'*+.^`|~-]*) +(.*)$/.exec(request.headers.authorization ?? '');
  if (!match) return request.headers.authorization ?? '';
  const scheme = match[1]!.toLowerCase();
  return `${scheme[0]!.toUpperCase()}${scheme.slice(1)} ${match[2] ?? ''}`;
}

/** Compares fixed-length digests, so neither the content nor the length of the secret leaks through timing. */
function safeEqual(actual: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(actual), digest(expected));
}
