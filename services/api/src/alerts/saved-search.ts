import { randomBytes } from 'node:crypto';
import { InvalidUrlError, parseHttpUrl } from '@newsflow/contracts';
import { parseSearchParams } from '@newsflow/search';
import type { SearchFilters } from '@newsflow/search';

/** What a client sends to save a search: the search page's filters plus where to call. */
export interface SavedSearchInput {
  name?: string;
  query: string;
  domain?: string[];
  language?: string[];
  flags?: string[];
  webhookUrl?: string;
  secret?: string;
}

export interface SavedSearch {
  id: string;
  name?: string;
  /** Validated search filters, placed in fixed slots of the query (see buildQuery), never spliced. */
  filters: SearchFilters;
  webhookUrl?: string;
  /** Signs webhook payloads (HMAC-SHA256); only the create answer shows it. */
  secret?: string;
  createdAt: string;
}

/** As listed by the API: the secret stays on the server. */
export type PublicSavedSearch = Omit<SavedSearch, 'secret'> & { hasSecret: boolean };

export class SavedSearchInputError extends Error {
  override name = 'SavedSearchInputError';
  readonly statusCode = 400;
}

/** Checks the input and makes the saved search; a webhook without a secret gets a generated one. */
export function newSavedSearch(input: SavedSearchInput, now = new Date()): SavedSearch {
  const filters = filtersOf(input);
  const saved: SavedSearch = { id: randomBytes(8).toString('hex'), filters, createdAt: now.toISOString() };
  if (input.name) saved.name = input.name;
  if (input.webhookUrl !== undefined) {
    saved.webhookUrl = webhookUrlOf(input.webhookUrl);
    saved.secret = input.secret ?? randomBytes(32).toString('hex');
  } else if (input.secret !== undefined) throw new SavedSearchInputError('a secret needs a webhookUrl to sign for');
  return saved;
}

function filtersOf(input: SavedSearchInput): SearchFilters {
  const { q, domain, language, flags } = parseSearchParams({
    q: input.query,
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.language ? { language: input.language } : {}),
    ...(input.flags ? { flags: input.flags } : {}),
  });
  if (!q?.trim()) throw new SavedSearchInputError('query must have words in it');
  return { q, ...(domain ? { domain } : {}), ...(language ? { language } : {}), ...(flags ? { flags } : {}) };
}

/**
 * Only the form is checked here. Whether the target may be called is the SSRF guard's decision at
 * each delivery (names resolve differently over time); a refused call is listed as a failed delivery.
 */
function webhookUrlOf(raw: string): string {
  try {
    return parseHttpUrl(raw).href;
  } catch (error) {
    if (error instanceof InvalidUrlError) throw new SavedSearchInputError(`webhookUrl: ${error.message}`);
    throw error;
  }
}

export function publicView({ secret, ...saved }: SavedSearch): PublicSavedSearch {
  return { ...saved, hasSecret: secret !== undefined };
}
