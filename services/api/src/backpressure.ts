import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Admission, BacklogGate } from '@newsflow/runtime';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How many jobs an intake request's body adds (1 when a route does not say). */
    intakeJobs?: (body: never) => number;
  }
  interface FastifyRequest {
    intakeAdmission?: Admission;
  }
}

/**
 * Every intake route (a POST tagged `intake`: URLs, feeds, sitemaps, sites, sources, WARC) asks
 * the backlog gate first. Past INTAKE_MAX_BACKLOG / INTAKE_MAX_REDIS_MEMORY_MB, or with Redis
 * unreachable, the producer gets 503 with Retry-After and a sentence saying why, before its
 * body is read: nothing is queued, nothing waits. Runs after authentication, so only clients
 * allowed to submit learn how full the pipeline is. Once the body is parsed, the request is
 * admitted for the jobs it adds (a route's `intakeJobs`) or refused: requests arriving together
 * are judged one after another, each counting the ones let in before it.
 */
export function registerBackpressure(app: FastifyInstance, gate: BacklogGate): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isIntakeRoute(request)) return;
    const verdict = await gate.check();
    if (!verdict.open) await sendBusy(reply, verdict.retryAfterSeconds, verdict.reason, verdict.cause);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (!isIntakeRoute(request)) return;
    const jobsOf = request.routeOptions.config.intakeJobs as ((body: unknown) => number) | undefined;
    const verdict = await gate.admit(jobsOf?.(request.body) ?? 1);
    if (verdict.open) request.intakeAdmission = verdict.admission;
    else await sendBusy(reply, verdict.retryAfterSeconds, verdict.reason, verdict.cause);
  });
  // The jobs are in Redis (or were never added) once the request is answered.
  app.addHook('onResponse', async (request) => request.intakeAdmission?.settle());
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
