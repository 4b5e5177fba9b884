import type { FastifyInstance } from 'fastify';
import type { Client, IndexNames } from '@newsflow/search';
import { errorSchema } from '../errors.ts';
import { recentStoriesSchema, storySchema } from '../schemas.ts';
import { MAX_STORY_WINDOW, listRecentStories } from '../stories/recent-stories.ts';
import { STORY_ID_PATTERN, getStory } from '../stories/story-timeline.ts';
import { idParamsOf, pageQuery } from '../json-schema.ts';
import { replyError, routesTagged } from './declare-route.ts';

const DAY_MS = 24 * 3600 * 1000;

const recentQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    since: { type: 'string', format: 'date-time', description: 'ISO date-time; default: 24 hours ago' },
    ...pageQuery,
  },
} as const;

const storyParams = idParamsOf(STORY_ID_PATTERN);

/** GET /api/stories (stories that grew recently) and GET /api/stories/:id (one story's timeline). */
export function registerStoryRoutes(app: FastifyInstance, elasticsearch: Client, names: IndexNames): void {
  const route = routesTagged(app, 'stories');
  route.get(
    '/api/stories',
    {
      summary: 'Stories that grew since a time, most recently grown first',
      querystring: recentQuery,
      response: { 200: recentStoriesSchema, 400: errorSchema },
    },
    async (request, reply) => {
      const { since, page, size } = request.query as { since?: string; page: number; size: number };
      if (page * size > MAX_STORY_WINDOW)
        return replyError(reply, 400, `page * size must be at most ${MAX_STORY_WINDOW}`);
      const from = since ?? new Date(Date.now() - DAY_MS).toISOString();
      return listRecentStories(elasticsearch, names, { since: from, page, size });
    },
  );
  const timeline = { 200: storySchema, 404: errorSchema };
  route.get(
    '/api/stories/:id',
    {
      summary: 'A story: its articles in time order, outlets, first seen and last updated',
      params: storyParams,
      response: timeline,
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const story = await getStory(elasticsearch, names, id);
      return story ?? replyError(reply, 404, `no story ${id}`);
    },
  );
}
