import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_INDEX_LAYOUT, layoutSettings } from './index-layout.ts';
import type { IndexLayout } from './index-layout.ts';
import type { IndexNames } from './index-names.ts';

/** The shipped template, infra/elasticsearch/articles-template.json, is the single source of the mapping. */
export const TEMPLATE_PATH = join(import.meta.dirname, '../../../infra/elasticsearch/articles-template.json');

export interface ArticlesTemplate {
  version: number;
  index_patterns: string[];
  priority: number;
  template: {
    settings: Record<string, unknown> & { analysis: { analyzer: Record<string, unknown> } };
    mappings: Record<string, unknown>;
  };
  _meta?: Record<string, unknown>;
}

/** The shipped template for these names, its shards and replicas set by the layout. */
export function loadTemplate(names: IndexNames, layout: IndexLayout = DEFAULT_INDEX_LAYOUT): ArticlesTemplate {
  const shipped = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as ArticlesTemplate;
  const { number_of_replicas: _replicas, auto_expand_replicas: _expand, ...rest } = shipped.template.settings;
  const settings = { ...rest, ...layoutSettings(layout) };
  return { ...shipped, index_patterns: [names.pattern], template: { ...shipped.template, settings } };
}

/**
 * Minimal distributions (such as the integration-test zip used for local tests) lack the
 * analysis-common module and so the `english` analyzer. There the same analyzer name is defined
 * as standard tokenisation with English stop words, so mappings and queries stay identical.
 */
export function withFallbackAnalysis(template: ArticlesTemplate): ArticlesTemplate {
  const settings = {
    ...template.template.settings,
    analysis: { analyzer: { newsflow_text: { type: 'standard', stopwords: '_english_' } } },
  };
  return { ...template, template: { ...template.template, settings } };
}
