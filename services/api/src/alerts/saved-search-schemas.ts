import { FLAG_NAMES } from '@newsflow/search';

const text = { type: 'string' } as const;
const keywords = { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 256 } } as const;

export const savedSearchBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['query'],
  properties: {
    name: { type: 'string', maxLength: 200 },
    query: { type: 'string', minLength: 1, maxLength: 500, description: 'As in /api/search?q=' },
    domain: keywords,
    language: keywords,
    flags: {
      type: 'array',
      maxItems: 8,
      items: { type: 'string', enum: [...FLAG_NAMES, ...FLAG_NAMES.map((name) => `-${name}`)] },
    },
    webhookUrl: { type: 'string', maxLength: 2048, description: 'http(s); called through the SSRF guard' },
    secret: {
      type: 'string',
      minLength: 16,
      maxLength: 256,
      description: 'HMAC-SHA256 key for the Newsflow-Signature header; generated (and returned once) when omitted',
    },
  },
} as const;

export const savedSearchSchema = {
  type: 'object',
  properties: {
    id: text,
    name: text,
    filters: {
      type: 'object',
      properties: {
        q: text,
        domain: { type: 'array', items: text },
        language: { type: 'array', items: text },
        flags: { type: 'array', items: text },
      },
    },
    webhookUrl: text,
    hasSecret: { type: 'boolean' },
    secret: { ...text, description: 'Only in the answer to the POST that created it' },
    createdAt: text,
  },
} as const;

export const deliveriesSchema = {
  type: 'object',
  properties: {
    savedSearchId: text,
    deliveries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          deliveryId: text,
          event: { type: 'string', enum: ['article.matched', 'story.matched'] },
          status: { type: 'string', enum: ['delivered', 'failed'] },
          attempts: { type: 'integer' },
          at: text,
          httpStatus: { type: 'integer' },
          error: text,
        },
      },
    },
  },
} as const;
