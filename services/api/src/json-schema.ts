/**
 * Small builders for the JSON schemas of the API's answers, so a response schema lists its fields and
 * their types rather than repeating `{ type: 'object', properties: … }` around them.
 */
export const text = { type: 'string' } as const;
export const integer = { type: 'integer' } as const;
export const boolean = { type: 'boolean' } as const;
export const strings = { type: 'array', items: text } as const;

/** An object schema of these properties. */
export function objectOf<P extends Record<string, object>>(properties: P) {
  return { type: 'object', properties } as const;
}

/** An array schema of these items, with any extra keywords (a description). */
export function arrayOf<I extends object>(items: I, extra: { description?: string } = {}) {
  return { type: 'array', items, ...extra } as const;
}

/** The fields of one page of a paged answer: how many match in all, and which page of what size this is. */
export function pageOf(totalDescription: string) {
  return { total: { ...integer, description: totalDescription }, page: integer, size: integer } as const;
}

/** The query fields that pick one page of a paged answer (1-based, at most 100 a page). */
export const pageQuery = {
  page: { type: 'integer', minimum: 1, default: 1 },
  size: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
} as const;

/** Path parameters of a route on one item: its `id`, which must match this pattern. */
export function idParamsOf(pattern: string) {
  return { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern } } } as const;
}
