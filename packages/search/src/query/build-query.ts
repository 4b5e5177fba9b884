import { HIGHLIGHT_TAGS, LANGUAGE_FIELDS } from '@newsflow/contracts';
import type { SearchFilters, ValidSearchParams } from './search-params.ts';
import { matchedFields, searchFields } from './text-fields.ts';

type Clause = Record<string, unknown>;

/**
 * Fields left out of result lists: the body, which is only shown as a snippet, and the language
 * fields (copies of the text for their analyzer, see @newsflow/contracts' language-fields.ts).
 */
export const LIST_SOURCE_EXCLUDES = ['body', ...LANGUAGE_FIELDS];

/** The collapse field per mode; `storyKey` is storyId, or clusterId for stories of one cluster. */
const COLLAPSE_FIELD = { cluster: 'clusterId', story: 'storyKey' } as const;

/**
 * Characters of a field the highlighter analyses. Past index.highlight.max_analyzed_offset (1,000,000
 * by default) Elasticsearch fails the whole search instead of the snippet, so one very long article
 * would break every result page it appears on; with this, text past the limit is just not highlighted.
 */
export const HIGHLIGHT_MAX_ANALYZED_OFFSET = 500_000;

/** Operators users may type; no fuzzy or slop (costly), never field names (the syntax has none). */
const SIMPLE_QUERY_FLAGS = 'AND|OR|NOT|PHRASE|PRECEDENCE|PREFIX|WHITESPACE|ESCAPE';

/**
 * The query part: full text when `q` has words, otherwise all documents, then the filters. The text
 * is matched against every language subfield and the language-neutral field, each analysing it its
 * own way, so a query needs no language of its own and finds articles in any language.
 */
export function buildQuery(filters: SearchFilters): Clause {
  const filter = buildFilters(filters);
  const mustNot = (filters.flags ?? [])
    .filter((flag) => flag.startsWith('-'))
    .map((flag) => ({ term: { flags: flag.slice(1) } }));
  const text = filters.q?.trim();
  const must = text
    ? [
        {
          simple_query_string: {
            query: text,
            fields: searchFields(),
            default_operator: 'and',
            flags: SIMPLE_QUERY_FLAGS,
            lenient: true,
          },
        },
      ]
    : [{ match_all: {} }];
  return { bool: { must, filter, must_not: mustNot } };
}

function buildFilters(filters: SearchFilters): Clause[] {
  const clauses: Clause[] = [];
  if (filters.from || filters.to) {
    const range: Record<string, string> = {};
    if (filters.from) range.gte = filters.from;
    if (filters.to) range.lte = filters.to;
    clauses.push({ range: { publishedAt: range } });
  }
  if (filters.domain?.length) clauses.push({ terms: { domain: filters.domain.map((d) => d.toLowerCase()) } });
  if (filters.language?.length) clauses.push(languageFilter(filters.language));
  for (const flag of filters.flags ?? []) if (!flag.startsWith('-')) clauses.push({ term: { flags: flag } });
  return clauses;
}

/**
 * Articles in any of these languages. Pages tag their language with a region as often as without
 * (`de-DE`, `de-CH`, `de`), so `de` also takes every `de-…` tag; case is ignored, as in BCP 47.
 */
function languageFilter(codes: string[]): Clause {
  const should = codes.flatMap((code) => [
    { term: { language: { value: code, case_insensitive: true } } },
    { prefix: { language: { value: `${code}-`, case_insensitive: true } } },
  ]);
  return { bool: { should, minimum_should_match: 1 } };
}

/** The whole search request body (without the index), pure so it can be tested without Elasticsearch. */
export function buildSearchRequest(params: ValidSearchParams): Clause {
  const hasText = Boolean(params.q?.trim());
  const request: Clause = {
    query: buildQuery(params),
    from: (params.page - 1) * params.size,
    size: params.size,
    track_total_hits: true,
    _source: { excludes: LIST_SOURCE_EXCLUDES },
    sort: hasText
      ? ['_score', { publishedAt: { order: 'desc', missing: '_last' } }]
      : [{ publishedAt: { order: 'desc', missing: '_last' } }, { fetchedAt: 'desc' }],
    highlight: {
      encoder: 'html',
      max_analyzed_offset: HIGHLIGHT_MAX_ANALYZED_OFFSET,
      pre_tags: [HIGHLIGHT_TAGS.pre],
      post_tags: [HIGHLIGHT_TAGS.post],
      fields: {
        title: { number_of_fragments: 0, matched_fields: matchedFields('title') },
        body: { fragment_size: 160, number_of_fragments: 2, no_match_size: 160, matched_fields: matchedFields('body') },
      },
    },
  };
  if (params.collapse !== 'none') {
    const field = COLLAPSE_FIELD[params.collapse];
    request.collapse = {
      field,
      inner_hits: {
        name: 'copies',
        size: 10,
        sort: [{ publishedAt: { order: 'asc', missing: '_last' } }],
        _source: { excludes: LIST_SOURCE_EXCLUDES },
      },
    };
    request.aggs = { groups: { cardinality: { field } } };
  }
  return request;
}
