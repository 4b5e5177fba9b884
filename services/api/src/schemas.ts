/**
 * Response schemas for the search routes: they document the answers in /openapi.json and drive
 * serialisation. Article objects keep additional properties, so fields the indexer adds later
 * still reach clients.
 */
import { arrayOf, boolean, integer, objectOf, pageOf, strings, text } from './json-schema.ts';

/** What one version changed from the one before (counted on normalised paragraphs and words). */
export const versionChangeSchema = {
  type: 'object',
  properties: {
    titleChanged: boolean,
    paragraphsAdded: integer,
    paragraphsRemoved: integer,
    paragraphsChanged: integer,
    wordsChanged: integer,
    summary: text,
  },
} as const;

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
    wordCount: integer,
    publishedAt: text,
    modifiedAt: text,
    submittedAt: text,
    fetchedAt: text,
    indexedAt: text,
    clusterId: text,
    storyId: text,
    storyKey: text,
    version: { ...integer, description: 'Which version this is (absent: the first); see /api/articles/{id}/versions' },
    updatedAt: { ...text, description: 'When a re-crawl found the article changed (absent: never)' },
    changes: versionChangeSchema,
  },
} as const;

export const articleVersionsSchema = objectOf({
  docId: text,
  versions: arrayOf(
    objectOf({
      docId: text,
      version: integer,
      url: text,
      title: text,
      subtitle: text,
      body: text,
      wordCount: integer,
      fetchedAt: text,
      replacedAt: { ...text, description: 'When the next version replaced it (absent for the current one)' },
      changes: versionChangeSchema,
      current: boolean,
    }),
    { description: 'Oldest first; the last is the indexed document' },
  ),
});

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

const groupSchema = objectOf({
  storyKey: { ...text, description: 'The story (storyId, else the copy cluster): /api/stories/{storyKey}' },
  clusterId: text,
  storyId: text,
  matches: { ...integer, description: 'Matching articles in the group' },
  outlets: { ...strings, description: 'Outlets of the listed articles (top and copies)' },
  top: hitSchema,
  copies: arrayOf(hitSchema, { description: 'The group’s other matching articles, oldest first (at most 10)' }),
});

export const searchResultSchema = objectOf({
  ...pageOf('Matching articles (every copy counts)'),
  totalGroups: { ...integer, description: 'Matching stories' },
  groups: arrayOf(groupSchema),
  hits: arrayOf(hitSchema),
});

const time = { type: ['string', 'null'], description: 'ISO time' } as const;
const outletSchema = {
  type: 'object',
  properties: { domain: text, name: text, articles: integer },
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

const recentStorySchema = objectOf({
  storyId: text,
  added: { ...integer, description: 'Articles indexed since `since`' },
  total: integer,
  outlets: { ...integer, description: 'Distinct outlet domains' },
  firstSeen: time,
  lastUpdated: time,
  first: { type: 'object', additionalProperties: true, properties: { docId: text, title: text, url: text } },
});

export const recentStoriesSchema = objectOf({
  since: text,
  ...pageOf('Stories that grew since `since`'),
  stories: arrayOf(recentStorySchema),
});

const stepSchema = {
  type: 'object',
  properties: {
    stage: text,
    jobId: text,
    state: { type: 'string', description: "BullMQ state, or 'gone' once removed" },
    enqueuedAt: text,
    startedAt: text,
    finishedAt: text,
    attempts: integer,
    failure: { type: 'object', properties: { reason: text, message: text } },
    page: {
      type: 'string',
      enum: ['shell', 'rendered'],
      description: "On a rendered page's path: the clean of the fetched JavaScript shell, or of the rendered page",
    },
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
