import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WarcFilter } from '@newsflow/warc';
import { errorSchema } from '../errors.ts';
import type { WarcRunner } from '../warc-runner.ts';

const ARCHIVE_TYPES = ['application/warc', 'application/gzip', 'application/x-gzip', 'application/octet-stream'];
const stringList = { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 2048 } } as const;
const filterProperties = {
  hosts: { ...stringList, description: 'keep these hosts and their subdomains' },
  urlPatterns: { ...stringList, description: 'URL globs, * for any characters; any may match' },
  from: { type: 'string', format: 'date-time', description: 'keep pages fetched at or after this time' },
  to: { type: 'string', format: 'date-time', description: 'keep pages fetched before this time' },
} as const;
const statusSchema = { type: 'object', additionalProperties: true } as const;

/**
 * POST /api/warc: archives by URL (JSON, run in the background, one status resource each) or one
 * archive as the request body (streamed; answered when read, its status resource named by `id`
 * so a client can follow it meanwhile). GET /api/warc/:id: records read, kept, skipped, per second.
 */
export function registerWarcRoutes(app: FastifyInstance, runner: WarcRunner, maxUploadBytes: number): void {
  app.addContentTypeParser(ARCHIVE_TYPES, (_request, payload, done) => done(null, payload));
  app.post('/api/warc', { schema: postSchema }, async (request, reply) => {
    if (isStream(request.body))
      return upload(runner, request.body, request.query as UploadQuery, maxUploadBytes, reply);
    const { urls, ...filter } = request.body as { urls: string[] } & WarcFilter;
    const ingests = urls.map((url) => ({ id: runner.newId(), source: url }));
    void (async () => {
      // One archive after another: each already streams as fast as the clean queue takes pages.
      for (const [index, ingest] of ingests.entries()) await runner.run(ingest.id, { url: urls[index]! }, filter);
    })().catch((error: unknown) => app.log.error({ err: error }, 'warc ingest failed'));
    return reply
      .code(202)
      .send({ ingests: ingests.map((ingest) => ({ ...ingest, status: `/api/warc/${ingest.id}` })) });
  });
  app.get('/api/warc/:id', { schema: getSchema }, async (request, reply) => {
    const status = await runner.read((request.params as { id: string }).id);
    if (!status) return reply.code(404).send({ error: 'Not Found', message: 'no such WARC ingest' });
    return status;
  });
}

interface UploadQuery {
  id?: string;
  host?: string[];
  pattern?: string[];
  from?: string;
  to?: string;
}

async function upload(runner: WarcRunner, body: Readable, query: UploadQuery, maxBytes: number, reply: FastifyReply) {
  const id = query.id ?? runner.newId();
  if ((await runner.read(id))?.state === 'running')
    return reply.code(409).send({ error: 'Conflict', message: `ingest ${id} is still running` });
  const filter: WarcFilter = {
    ...(query.host ? { hosts: query.host } : {}),
    ...(query.pattern ? { urlPatterns: query.pattern } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  };
  const status = await runner.run(id, { stream: capped(body, maxBytes), label: 'upload' }, filter);
  return reply.code(status.state === 'done' ? 200 : 422).send(status);
}

async function* capped(body: Readable, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new Error(`upload larger than WARC_MAX_UPLOAD_BYTES (${maxBytes})`);
    yield chunk;
  }
}

function isStream(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function';
}

const postSchema = {
  tags: ['intake'],
  summary: 'Ingest WARC / WARC.gz archives into the clean stage',
  description: `JSON {"urls": [...], filters} runs in the background (202); a body of type ${ARCHIVE_TYPES.join(', ')} is one archive, filters in the query.`,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$', description: 'name of the status resource of an upload' },
      host: stringList,
      pattern: stringList,
      from: filterProperties.from,
      to: filterProperties.to,
    },
  },
  body: {
    // Per content type: JSON is checked field by field, an archive body is a stream read as it comes.
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['urls'],
          additionalProperties: false,
          properties: { urls: { ...stringList, minItems: 1, maxItems: 20 }, ...filterProperties },
        },
      },
      ...Object.fromEntries(ARCHIVE_TYPES.map((type) => [type, { schema: {} }])),
    },
  },
  response: {
    200: statusSchema,
    202: { type: 'object', additionalProperties: true },
    400: errorSchema,
    409: errorSchema,
    422: statusSchema,
  },
} as const;

const getSchema = {
  tags: ['intake'],
  summary: 'Progress and outcome of one WARC ingest',
  params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } },
  response: { 200: statusSchema, 404: errorSchema },
} as const;
