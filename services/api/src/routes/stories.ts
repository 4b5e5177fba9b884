import type { FastifyInstance } from 'fastify';
import type { Client, IndexNames } from '@newsflow/search';
import { errorSchema } from '../errors.ts';
import { recentStoriesSchema, storySchema } from '../schemas.ts';
import { MAX_STORY_WINDOW, listRecentStories } from '../stories/recent-stories.ts';
import { STORY_ID_PATTERN, getStory } from '../stories/story-timeline.ts';

const DAY_MS = 24 * 3600 * 1000;

const recentQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    since: { type: 'string', format: 'date-time', description: 'ISO date-time; default: 24 hours ago' },
    page: { type: 'integer', minimum: 1, default: 1 },
    size: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
} as const;

const storyParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: STORY_ID_PATTERN } },
} as const;

/** GET /api/stories (stories that grew recently) and GET /api/stories/:id (one story's timeline). */
export function registerStoryRoutes(app: FastifyInstance, elasticsearch: Client, names: IndexNames): void {
  app.get(
    '/api/stories',
    {
      schema: {
        tags: ['stories'],
        summary: 'Stories that grew since a time, most recently grown first',
        querystring: recentQuery,
        response: { 200: recentStoriesSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const { since, page, size } = request.query as { since?: string; page: number; size: number };
      if (page * size > MAX_STORY_WINDOW)
        return reply
          .code(400)
          .send({ error: 'Bad Request', message: `page * size must be at most ${MAX_STORY_WINDOW}` });
      const from = since ?? new Date(Date.now() - DAY_MS).toISOString();
      return listRecentStories(elasticsearch, names, { since: from, page, size });
    },
  );
  app.get(
    '/api/stories/:id',
    {
      schema: {
        tags: ['stories'],
        summary: 'A story: its articles in time order, outlets, first seen and last updated',
        params: storyParams,
        response: { 200: storySchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const story = await getStory(elasticsearch, names, id);
      if (!story) return reply.code(404).send({ error: 'Not Found', message: `no story ${id}` });
      return story;
    },
  );
}
