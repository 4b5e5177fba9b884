// Which of the template's analyzers a cluster can build, and what stands in for the others. Pure:
// the cluster's answer (see analysis-probe.ts) comes in as an AnalysisSupport, so the decision is
// tested on recorded answers as well as on the live integration-test zip.

export interface ComponentDefinition {
  type: string;
  [setting: string]: unknown;
}

export interface CustomAnalyzer extends ComponentDefinition {
  type: 'custom';
  tokenizer: string;
  filter?: string[];
}

/** The `analysis` block of index settings (char filters are not used by the template). */
export interface AnalysisSettings {
  analyzer: Record<string, ComponentDefinition>;
  tokenizer?: Record<string, ComponentDefinition>;
  filter?: Record<string, ComponentDefinition>;
}

/**
 * What the cluster answered for each component the settings need: `analyzers` by type (a built-in
 * analyzer such as `german` is registered under its type name), `tokenizers` and `filters` by the
 * name the settings use (a built-in name, or a name defined in the settings, probed with its
 * definition).
 */
export interface AnalysisSupport {
  analyzers: Record<string, boolean>;
  tokenizers: Record<string, boolean>;
  filters: Record<string, boolean>;
}

export interface AnalysisChoice {
  analysis: AnalysisSettings;
  /** Analyzers replaced by their fallback because the cluster lacks something they need. */
  fellBack: string[];
}

export const isCustom = (definition: ComponentDefinition): definition is CustomAnalyzer => definition.type === 'custom';

/** The components to ask the cluster about, as AnalysisSupport keys them. */
export function componentsToProbe(analysis: AnalysisSettings): Record<keyof AnalysisSupport, string[]> {
  const analyzers = new Set<string>();
  const tokenizers = new Set<string>();
  const filters = new Set<string>(Object.keys(analysis.filter ?? {}));
  for (const definition of Object.values(analysis.analyzer)) {
    if (!isCustom(definition)) analyzers.add(definition.type);
    else {
      tokenizers.add(definition.tokenizer);
      for (const filter of definition.filter ?? []) filters.add(filter);
    }
  }
  return { analyzers: [...analyzers], tokenizers: [...tokenizers], filters: [...filters] };
}

/**
 * Keeps every analyzer the cluster can build and swaps each other one for its fallback; filter
 * definitions the cluster can't build are dropped (an index refuses settings naming an unknown
 * type, even unused). An analyzer with no fallback that can't be built is an error: the template
 * could not be installed anyway.
 */
export function chooseAnalysis(
  analysis: AnalysisSettings,
  fallbacks: Record<string, ComponentDefinition>,
  support: AnalysisSupport,
): AnalysisChoice {
  const supported = (answers: Record<string, boolean>, name: string) => answers[name] === true;
  const filter = Object.fromEntries(
    Object.entries(analysis.filter ?? {}).filter(([name]) => supported(support.filters, name)),
  );
  const buildable = (definition: ComponentDefinition): boolean =>
    isCustom(definition)
      ? supported(support.tokenizers, definition.tokenizer) &&
        (definition.filter ?? []).every((name) => supported(support.filters, name))
      : supported(support.analyzers, definition.type);
  const fellBack: string[] = [];
  const analyzer: Record<string, ComponentDefinition> = {};
  for (const [name, definition] of Object.entries(analysis.analyzer)) {
    if (buildable(definition)) analyzer[name] = definition;
    else {
      const fallback = fallbacks[name];
      if (!fallback) throw new Error(`the cluster cannot build analyzer ${name} and the template gives no fallback`);
      analyzer[name] = fallback;
      fellBack.push(name);
    }
  }
  const chosen: AnalysisSettings = { ...analysis, analyzer, ...(analysis.filter ? { filter } : {}) };
  return { analysis: chosen, fellBack };
}
