import { z } from 'zod';

/** Flag names as indexed (see toEsDocument). A leading "-" excludes the flag instead of requiring it. */
export const FLAG_NAMES = ['paywall', 'jsShell', 'blocked', 'notArticle'] as const;

const MAX_WINDOW = 10_000;
const dateInput = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
const keywordList = z.array(z.string().trim().min(1).max(256)).max(50);
const flagList = z.array(z.enum([...FLAG_NAMES, ...FLAG_NAMES.map((name) => `-${name}` as const)])).max(8);

/**
 * Everything a caller may ask of searchArticles. Values are validated and only ever placed in
 * fixed slots of a query we build: user text goes to simple_query_string (no field syntax, no
 * scripts, no raw DSL), filters go to `terms`/`range` as plain values.
 */
export const SearchParamsSchema = z
  .object({
    q: z.string().max(500).optional(),
    from: dateInput.optional(),
    to: dateInput.optional(),
    domain: keywordList.optional(),
    language: keywordList.optional(),
    flags: flagList.optional(),
    collapse: z.enum(['cluster', 'story', 'none']).default('cluster'),
    page: z.number().int().min(1).default(1),
    size: z.number().int().min(1).max(100).default(20),
  })
  .strict()
  .refine((p) => p.page * p.size <= MAX_WINDOW, { message: `page * size must be at most ${MAX_WINDOW}` })
  .refine((p) => !p.from || !p.to || Date.parse(p.from) <= Date.parse(p.to), { message: 'from must not be after to' });

export type SearchParams = z.input<typeof SearchParamsSchema>;
export type ValidSearchParams = z.output<typeof SearchParamsSchema>;
export type SearchFilters = Pick<SearchParams, 'q' | 'from' | 'to' | 'domain' | 'language' | 'flags'>;

/** Thrown for invalid search parameters; the message lists every problem (an API answers 400 with it). */
export class SearchParamsError extends Error {
  override name = 'SearchParamsError';
}

export function parseSearchParams(input: unknown): ValidSearchParams {
  const parsed = SearchParamsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(params)'}: ${issue.message}`);
    throw new SearchParamsError(`invalid search parameters: ${problems.join('; ')}`);
  }
  return parsed.data;
}
