import type { Client } from '@elastic/elasticsearch';
import { componentsToProbe } from './analysis-choice.ts';
import type { AnalysisSettings, AnalysisSupport } from './analysis-choice.ts';

type AnalyzeRequest = NonNullable<Parameters<Client['indices']['analyze']>[0]>;
/** Our settings' definitions are plain JSON; the client's types list every known component. */
type Component = AnalyzeRequest['tokenizer'];

/**
 * Asks the cluster, with one read-only `_analyze` call per component, whether it can build each
 * analyzer, tokenizer and filter the settings use. This tests the components themselves rather
 * than guessing from module names: the official image answers yes for `german` (analysis-common)
 * and no for `polish` (the analysis-stempel plugin), the integration-test zip no for both.
 */
export async function probeAnalysisSupport(client: Client, analysis: AnalysisSettings): Promise<AnalysisSupport> {
  const wanted = componentsToProbe(analysis);
  const defined = analysis.filter ?? {};
  const definedTokenizers = analysis.tokenizer ?? {};
  const analyzers = await answers(client, wanted.analyzers, (type) => ({ analyzer: type }));
  const tokenizers = await answers(client, wanted.tokenizers, (name) => ({
    tokenizer: (definedTokenizers[name] ?? name) as Component,
  }));
  const filters = await answers(client, wanted.filters, (name) => ({
    tokenizer: 'standard',
    filter: [(defined[name] ?? name) as NonNullable<AnalyzeRequest['filter']>[number]],
  }));
  return { analyzers, tokenizers, filters };
}

async function answers(
  client: Client,
  names: string[],
  request: (name: string) => Omit<AnalyzeRequest, 'text'>,
): Promise<Record<string, boolean>> {
  // One at a time: Elasticsearch's analyze pool is one thread with a queue of 16, so two dozen
  // probes at once (twice that when two processes put the template) are rejected with a 429.
  const answered: Record<string, boolean> = {};
  for (const name of names) answered[name] = await analyzes(client, { ...request(name), text: 'Probe' });
  return answered;
}

/** True when the cluster analyses with this request; false when it names a component it lacks. */
async function analyzes(client: Client, request: AnalyzeRequest): Promise<boolean> {
  try {
    await client.indices.analyze(request);
    return true;
  } catch (error) {
    if (isUnknownComponent(error)) return false;
    throw error;
  }
}

/** The 400 Elasticsearch answers for an analyzer, tokenizer or filter it doesn't know. */
function isUnknownComponent(error: unknown): boolean {
  const status = (error as { meta?: { statusCode?: number } }).meta?.statusCode;
  return status === 400 && /failed to find|unknown|not found/i.test(String(error));
}
