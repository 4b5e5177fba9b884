import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseAnalysis } from './analysis-choice.ts';
import type { AnalysisSettings, AnalysisSupport, ComponentDefinition } from './analysis-choice.ts';
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
    settings: Record<string, unknown> & { analysis: AnalysisSettings };
    mappings: Record<string, unknown>;
  };
  _meta?: Record<string, unknown> & {
    /** What stands in for each analyzer on a cluster that can't build it (core components only). */
    fallbackAnalyzers?: Record<string, ComponentDefinition>;
    /** Set by withClusterAnalysis: the analyzers this cluster got as their fallback. */
    analyzersFellBack?: string[];
  };
}

let shipped: ArticlesTemplate | undefined;

/** The template file as shipped (read once). */
export function shippedTemplate(): ArticlesTemplate {
  shipped ??= JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as ArticlesTemplate;
  return shipped;
}

/** The shipped template for these names, its shards and replicas set by the layout. */
export function loadTemplate(names: IndexNames, layout: IndexLayout = DEFAULT_INDEX_LAYOUT): ArticlesTemplate {
  const template = shippedTemplate();
  const { number_of_replicas: _replicas, auto_expand_replicas: _expand, ...rest } = template.template.settings;
  const settings = { ...rest, ...layoutSettings(layout) };
  return { ...template, index_patterns: [names.pattern], template: { ...template.template, settings } };
}

/**
 * The template with the analysis this cluster can build: analyzers it lacks a component for (the
 * language analyzers on the integration-test zip, `polish` without analysis-stempel) become their
 * fallback from `_meta.fallbackAnalyzers`. Analyzer names, and so mappings and queries, stay the same.
 */
export function withClusterAnalysis(template: ArticlesTemplate, support: AnalysisSupport): ArticlesTemplate {
  const { analysis, fellBack } = chooseAnalysis(
    template.template.settings.analysis,
    template._meta?.fallbackAnalyzers ?? {},
    support,
  );
  const settings = { ...template.template.settings, analysis };
  const meta = { ...template._meta, analyzersFellBack: fellBack };
  return { ...template, _meta: meta, template: { ...template.template, settings } };
}
