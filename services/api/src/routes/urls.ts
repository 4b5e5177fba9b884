import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { jobIds } from '@newsflow/contracts';
import type { FetchJob } from '@newsflow/contracts';
import { withinRedisDeadline } from '@newsflow/runtime';
import type { StageQueue } from '@newsflow/runtime';
import { errorSchema } from '../errors.ts';
import { planIntake } from '../intake.ts';
import type { IntakeLedger } from '../verify/intake-ledger.ts';

const urlList = { type: 'array', items: { type: 'string', maxLength: 8192 } } as const;

const bodySchema = {
  description: 'A JSON list of URLs, {"urls": [...]}, or text/plain with one URL per line.',
  // The string branch comes first: Ajv coerces types, and a text body must never be coerced into a one-item list.
  anyOf: [
    { type: 'string' },
    urlList,
    { type: 'object', required: ['urls'], additionalProperties: false, properties: { urls: urlList } },
  ],
} as const;

export const intakeResponseSchema = {
  type: 'object',
  properties: {
    accepted: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          url: { type: 'string' },
          docId: { type: 'string' },
          // queued: new; known: already queued, or done within the re-crawl window; retried: it had failed and is tried again.
          status: { type: 'string', enum: ['queued', 'known', 'retried'] },
        },
      },
    },
    rejected: {
      type: 'array',
      items: { type: 'object', properties: { input: { type: 'string' }, error: { type: 'string' } } },
    },
  },
} as const;

/** POST /api/urls: validate every URL first, then enqueue the valid ones under their deterministic ids. */
export function registerUrlRoutes(
  app: FastifyInstance,
  fetchQueue: StageQueue<'fetch'>,
  maxUrls: number,
  intake: { redisTimeoutMs: number; ledger: IntakeLedger },
): void {
  const schema = {
    tags: ['intake'],
    summary: `Submit up to ${maxUrls} URLs to fetch`,
    body: bodySchema,
    response: {
      202: intakeResponseSchema,
      400: {
        ...errorSchema,
        properties: { ...errorSchema.properties, rejected: intakeResponseSchema.properties.rejected },
      },
      413: errorSchema,
      503: errorSchema,
    },
  };
  const config = { intakeJobs: (body: Parameters<typeof urlsOf>[0]) => urlsOf(body).length };
  app.post('/api/urls', { schema, config }, async (request, reply) => {
    const inputs = urlsOf(request.body as string | string[] | { urls: string[] });
    if (inputs.length === 0)
      return reply
        .code(400)
        .send({ error: 'Bad Request', message: 'no URLs given: send a JSON list of http(s) URLs or one URL per line' });
    if (inputs.length > maxUrls) {
      return reply.code(413).send({
        error: 'Payload Too Large',
        message: `too many URLs: ${inputs.length} > ${maxUrls} per request; split them into batches`,
      });
    }
    const plan = planIntake(inputs, { kind: sourceOf(request.headers['user-agent']) });
    if (plan.accepted.length === 0)
      return reply.code(400).send({ error: 'Bad Request', message: 'no valid URL given', rejected: plan.rejected });
    const statuses = await withinRedisDeadline(enqueueFetches(fetchQueue, plan.accepted), intake.redisTimeoutMs);
    // after the jobs exist: a URL in the ledger has been queued, so verify may hold it to account
    await withinRedisDeadline(intake.ledger.record(plan.accepted.map((job) => job.docId)), intake.redisTimeoutMs);
    return reply.code(202).send({
      accepted: plan.accepted.map(({ url, docId }, i) => ({ url, docId, status: statuses[i] })),
      rejected: plan.rejected,
    });
  });
}

export type IntakeStatus = 'queued' | 'known' | 'retried';

/**
 * New URLs are added in one round trip under their deterministic ids, so a resubmitted URL is a
 * no-op while its job is queued or done. A URL whose job failed is retried instead: its id is
 * still taken by the failed job, and without this a resubmission would silently change nothing.
 */
export async function enqueueFetches(queue: StageQueue<'fetch'>, jobs: readonly FetchJob[]): Promise<IntakeStatus[]> {
  const ids = jobs.map((job) => jobIds.fetch(job));
  const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
  const fresh = jobs.filter((_, i) => states[i] === 'unknown');
  await (queue as Queue).addBulk(
    fresh.map((job) => ({ name: 'fetch', data: job, opts: { jobId: jobIds.fetch(job) } })),
  );
  return Promise.all(
    states.map(async (state, i): Promise<IntakeStatus> => {
      if (state === 'unknown') return 'queued';
      if (state !== 'failed') return 'known';
      await (await queue.getJob(ids[i] ?? ''))?.retry('failed');
      return 'retried';
    }),
  );
}

function urlsOf(body: string | string[] | { urls: string[] }): string[] {
  const list = typeof body === 'string' ? body.split(/\r?\n/) : Array.isArray(body) ? body : body.urls;
  return list.map((entry) => entry.trim()).filter((entry) => entry !== '' && !entry.startsWith('#'));
}

/** The CLI names itself in its User-Agent, so its submissions are told apart from other API clients. */
function sourceOf(userAgent: string | undefined): FetchJob['source']['kind'] {
  return userAgent?.startsWith('newsflow-cli/') ? 'cli' : 'api';
}
