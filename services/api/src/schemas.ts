/**
 * Response schemas for the search routes: they document the answers in /openapi.json and drive
 * serialisation. Article objects keep additional properties, so fields the indexer adds later
 * still reach clients.
 */
const text = { type: 'string' } as const;
const strings = { type: 'array', items: text } as const;

export const articleSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    docId: text,
    url: text,
    finalUrl: text,
    canonicalUrl: text,
    domain: text,
    siteName: text,
    title: text,
    subtitle: text,
    body: text,
    authors: strings,
    language: text,
    section: text,
    tags: strings,
    flags: strings,
    wordCount: { type: 'integer' },
    publishedAt: text,
    modifiedAt: text,
    submittedAt: text,
    fetchedAt: text,
    indexedAt: text,
    clusterId: text,
    storyId: text,
    storyKey: text,
  },
} as const;

export const hitSchema = {
  type: 'object',
  properties: {
    docId: text,
    score: { type: ['number', 'null'] },
    article: articleSchema,
    highlight: {
      type: 'object',
      description: 'HTML-escaped fragments, matches wrapped in <mark>',
      properties: { title: text, body: strings },
    },
  },
} as const;

export const searchResultSchema = {
  type: 'object',
  properties: {
    total: { type: 'integer', description: 'Matching articles (every copy counts)' },
    totalGroups: { type: 'integer', description: 'Matching stories' },
    page: { type: 'integer' },
    size: { type: 'integer' },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          storyKey: {
            type: 'string',
            description: 'The story (storyId, else the copy cluster): /api/stories/{storyKey}',
          },
          clusterId: text,
          storyId: text,
          matches: { type: 'integer', description: 'Matching articles in the group' },
          outlets: { ...strings, description: 'Outlets of the listed articles (top and copies)' },
          top: hitSchema,
          copies: {
            type: 'array',
            items: hitSchema,
            description: 'The group’s other matching articles, oldest first (at most 10)',
          },
        },
      },
    },
    hits: { type: 'array', items: hitSchema },
  },
} as const;

const time = { type: ['string', 'null'], description: 'ISO time' } as const;
const outletSchema = {
  type: 'object',
  properties: { domain: text, name: text, articles: { type: 'integer' } },
} as const;

export const storySchema = {
  type: 'object',
  properties: {
    storyId: text,
    total: { type: 'integer', description: 'Articles in the story' },
    firstSeen: { ...time, description: 'When its first article was indexed' },
    lastUpdated: { ...time, description: 'When its latest article was indexed' },
    outlets: { type: 'array', items: outletSchema },
    articles: { type: 'array', items: hitSchema, description: 'Oldest first by publication time (at most 200)' },
  },
} as const;

export const recentStoriesSchema = {
  type: 'object',
  properties: {
    since: text,
    total: { type: 'integer', description: 'Stories that grew since `since`' },
    page: { type: 'integer' },
    size: { type: 'integer' },
    stories: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          storyId: text,
          added: { type: 'integer', description: 'Articles indexed since `since`' },
          total: { type: 'integer' },
          outlets: { type: 'integer', description: 'Distinct outlet domains' },
          firstSeen: time,
          lastUpdated: time,
          first: { type: 'object', additionalProperties: true, properties: { docId: text, title: text, url: text } },
        },
      },
    },
  },
} as const;

const stepSchema = {
  type: 'object',
  properties: {
    stage: text,
    jobId: text,
    state: { type: 'string', description: "BullMQ state, or 'gone' once removed" },
    enqueuedAt: text,
    startedAt: text,
    finishedAt: text,
    attempts: { type: 'integer' },
    failure: { type: 'object', properties: { reason: text, message: text } },
  },
} as const;

export const articleResponseSchema = {
  type: 'object',
  properties: {
    docId: text,
    article: { anyOf: [articleSchema, { type: 'null' }] },
    path: {
      type: 'object',
      properties: {
        submittedAt: text,
        fetchedAt: text,
        cleanedAt: text,
        clusteredAt: text,
        indexedAt: text,
        clusterId: text,
        steps: { type: 'array', items: stepSchema },
      },
    },
  },
} as const;
