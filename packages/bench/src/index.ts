// Dev-only: the end-to-end pipeline benchmark and what it needs. Never imported by product code.
export { startCorpusSite, corpusPage, hostAddress } from './corpus/corpus-site.ts';
export type { CorpusOptions, CorpusSite } from './corpus/corpus-site.ts';
export { planCorpus } from './corpus/corpus-plan.ts';
export type { CorpusPlan, CorpusEntry } from './corpus/corpus-plan.ts';
