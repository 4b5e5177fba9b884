import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BacklogGate } from '@newsflow/runtime';

/**
 * Every intake route (a POST tagged `intake`: URLs, feeds, sitemaps, sites, sources, WARC) asks
 * the backlog gate first. Past INTAKE_MAX_BACKLOG / INTAKE_MAX_REDIS_MEMORY_MB, or with Redis
 * unreachable, the producer gets 503 with Retry-After and a sentence saying why, before its
 * body is read: nothing is queued, nothing waits. Runs after authentication, so only clients
 * allowed to submit learn how full the pipeline is.
 */
export function registerBackpressure(app: FastifyInstance, gate: BacklogGate): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isIntakeRoute(request)) return;
    const verdict = await gate.check();
    if (verdict.open) return;
    await sendBusy(reply, verdict.retryAfterSeconds, verdict.reason, verdict.cause);
  });
}

export function isIntakeRoute(request: FastifyRequest): boolean {
  const tags = (request.routeOptions.schema as { tags?: string[] } | undefined)?.tags;
  return request.method === 'POST' && (tags?.includes('intake') ?? false);
}

export function sendBusy(reply: FastifyReply, retryAfterSeconds: number, message: string, cause: string): FastifyReply {
  return reply
    .code(503)
    .header('retry-after', String(retryAfterSeconds))
    .send({ error: 'Service Unavailable', message, cause, retryAfterSeconds });
}
