import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** OpenAPI 3 document built from the route schemas, served at /openapi.json. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Newsflow API',
        version: '0.1.0',
        description: 'Submit URLs, feeds and sitemaps; search indexed articles; watch the pipeline.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API_TOKEN' },
          basic: { type: 'http', scheme: 'basic', description: 'API_BASIC_AUTH' },
        },
      },
      security: [{ bearer: [] }, { basic: [] }],
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
