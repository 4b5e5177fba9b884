import type { FastifyInstance } from 'fastify';
import { enqueue } from '@newsflow/runtime';
import type { StageQueue } from '@newsflow/runtime';
import { planIntake } from '../intake.ts';

export const MAX_URLS_PER_REQUEST = 1_000;

const bodySchema = {
  oneOf: [
    { type: 'array', items: { type: 'string' } },
    { type: 'object', required: ['urls'], additionalProperties: false, properties: { urls: { type: 'array', items: { type: 'string' } } } },
    { type: 'string' },
  ],
} as const;

/** POST /api/urls: a JSON list (or {"urls": [...]}) or newline-separated text of URLs to fetch. */
export function registerUrlRoutes(app: FastifyInstance, fetchQueue: StageQueue<'fetch'>): void {
  app.post('/api/urls', { schema: { body: bodySchema } }, async (request, reply) => {
    const inputs = urlsOf(request.body as string | string[] | { urls: string[] });
    if (inputs.length === 0) return reply.code(400).send({ error: 'Bad Request', message: 'no URLs given: send a JSON list of http(s) URLs' });
    if (inputs.length > MAX_URLS_PER_REQUEST) {
      return reply.code(400).send({ error: 'Bad Request', message: `too many URLs: ${inputs.length} > ${MAX_URLS_PER_REQUEST} per request` });
    }
    const plan = planIntake(inputs, { kind: 'api' });
    if (plan.accepted.length === 0) return reply.code(400).send({ error: 'Bad Request', message: 'no valid URL given', rejected: plan.rejected });
    for (const job of plan.accepted) await enqueue(fetchQueue, job.docId, job);
    return reply.code(202).send({ accepted: plan.accepted.map(({ url, docId }) => ({ url, docId })), rejected: plan.rejected });
  });
}

function urlsOf(body: string | string[] | { urls: string[] }): string[] {
  const list = typeof body === 'string' ? body.split(/\r?\n/) : Array.isArray(body) ? body : body.urls;
  return list.map((entry) => entry.trim()).filter((entry) => entry !== '');
}
