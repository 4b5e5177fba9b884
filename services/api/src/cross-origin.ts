import type { FastifyInstance, FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sends on behalf of another site. A text/plain
 * POST needs no CORS preflight, so without this any web page could enqueue URLs on a loopback API,
 * or ride on basic credentials the browser has cached. Browsers always send Origin (and
 * Sec-Fetch-Site) on such requests; curl and the CLI send neither and are unaffected.
 */
export function registerCrossOriginGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || isSameOrigin(request)) return;
    await reply.code(403).send({
      error: 'Forbidden',
      message: 'cross-origin request refused: call the API from curl, the CLI or its own pages',
    });
  });
}

function isSameOrigin(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site' || request.headers['sec-fetch-site'] === 'same-site')
    return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
