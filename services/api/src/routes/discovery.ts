import type { FastifyInstance } from 'fastify';
import { InvalidUrlError, normalizeUrl } from '@newsflow/contracts';
import { DiscoveryUnavailableError } from '../discovery-port.ts';
import type { SubmitDiscovery } from '../discovery-port.ts';
import { errorSchema } from '../errors.ts';
import { boolean, integer, objectOf, text } from '../json-schema.ts';
import { replyError, routesTagged } from './declare-route.ts';

const bodySchema = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', maxLength: 8192, description: 'http(s) URL of the feed or sitemap' },
    everyMinutes: {
      type: 'integer',
      minimum: 5,
      maximum: 10_080,
      description: 'Re-read on this interval; omit for a one-off read',
    },
  },
} as const;

const receiptSchema = objectOf({ kind: text, url: text, scheduled: boolean, everyMinutes: integer, jobId: text });

/** POST /api/feeds and /api/sitemaps: one-off or scheduled discovery of article URLs. */
export function registerDiscoveryRoutes(app: FastifyInstance, submit: SubmitDiscovery): void {
  const route = routesTagged(app, 'intake');
  const answers = { 202: receiptSchema, 400: errorSchema, 503: errorSchema };
  for (const [path, kind] of [
    ['/api/feeds', 'feed'],
    ['/api/sitemaps', 'sitemap'],
  ] as const) {
    const doc = { summary: `Read a ${kind} now, or every N minutes`, body: bodySchema, response: answers };
    route.post(path, doc, async (request, reply) => {
      const { url, everyMinutes } = request.body as { url: string; everyMinutes?: number };
      let normalized: string;
      try {
        normalized = normalizeUrl(url);
      } catch (error) {
        if (error instanceof InvalidUrlError) return replyError(reply, 400, error.message);
        throw error;
      }
      try {
        return reply.code(202).send(await submit({ kind, url: normalized, everyMinutes }));
      } catch (error) {
        if (error instanceof DiscoveryUnavailableError) return replyError(reply, 503, error.message);
        throw error;
      }
    });
  }
}
