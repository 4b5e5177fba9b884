import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { identityOrUndefined, jobIds } from '@newsflow/contracts';
import type { DiscoveryJob, PollKind } from '@newsflow/contracts';
import type { PollSchedule } from '@newsflow/fetcher';
import { withinRedisDeadline } from '@newsflow/runtime';
import type { StageQueue } from '@newsflow/runtime';
import { errorSchema } from '../errors.ts';
import { arrayOf, objectOf } from '../json-schema.ts';
import { replyError, routesTagged } from './declare-route.ts';

const urlProperty = { type: 'string', minLength: 1, maxLength: 8192 } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;

/**
 * POST /api/sites: discover what a site offers (feeds, sitemaps, else article links and section
 * pages) and poll it adaptively. POST /api/sources: poll one feed, sitemap or section page
 * adaptively. GET /api/sources: every polled source, its interval and outcomes; ?state=retired
 * lists the dead ones.
 */
export function registerSiteRoutes(
  app: FastifyInstance,
  fetchQueue: StageQueue<'fetch'>,
  schedule: PollSchedule,
  redisTimeoutMs: number,
): void {
  const route = routesTagged(app, 'intake');
  route.post('/api/sites', siteDoc, async (request, reply) => {
    const identity = identityOrUndefined((request.body as { url: string }).url);
    if (!identity) return replyError(reply, 400, 'not an http(s) URL');
    const job: DiscoveryJob = { ...identity, submittedAt: new Date().toISOString(), source: { kind: 'api' }, depth: 0 };
    const jobId = jobIds.site(job);
    await withinRedisDeadline((fetchQueue as Queue).add('site', job, { jobId }), redisTimeoutMs);
    return reply.code(202).send({ url: identity.url, jobId });
  });
  route.post('/api/sources', addSourceDoc, async (request, reply) => {
    const { kind, url } = request.body as { kind: PollKind; url: string };
    if (!identityOrUndefined(url)) return replyError(reply, 400, 'not an http(s) URL');
    return reply.code(202).send(await withinRedisDeadline(schedule.add(kind, url), redisTimeoutMs));
  });
  route.get('/api/sources', listDoc, async (request) => {
    const { state } = request.query as { state?: 'active' | 'retired' };
    return { sources: await schedule.list(state) };
  });
}

/** What POST /api/sites and /api/sources answer: accepted, or not an http(s) URL, or Redis is away. */
const intakeAnswers = { 202: anyObject, 400: errorSchema, 503: errorSchema };

const siteDoc = {
  summary: "Discover a site's feeds, sitemaps or article links, and poll them adaptively",
  body: { type: 'object', required: ['url'], additionalProperties: false, properties: { url: urlProperty } },
  response: intakeAnswers,
} as const;

const addSourceDoc = {
  summary: 'Poll a feed, sitemap or section page with an adaptive interval',
  body: {
    type: 'object',
    required: ['kind', 'url'],
    additionalProperties: false,
    properties: { kind: { type: 'string', enum: ['feed', 'sitemap', 'section'] }, url: urlProperty },
  },
  response: intakeAnswers,
} as const;

const listDoc = {
  summary: 'Polled sources with their intervals and outcomes; retired (dead) ones with ?state=retired',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { state: { type: 'string', enum: ['active', 'retired'] } },
  },
  response: { 200: objectOf({ sources: arrayOf(anyObject) }) },
} as const;
