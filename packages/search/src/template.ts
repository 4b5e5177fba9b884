import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

export function loadTemplate(names: IndexNames): ArticlesTemplate {
  const template = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as ArticlesTemplate;
  return { ...template, index_patterns: [names.pattern] };
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
