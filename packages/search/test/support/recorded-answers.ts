import type { AnalysisSupport } from '../../src/index.ts';

/** The built-in language analyzer types the shipped template uses (besides `polish`). */
export const LANGUAGE_TYPES = ['german', 'english', 'french', 'spanish', 'italian', 'dutch', 'portuguese'];

/**
 * HAND-WRITTEN, not captured from a running official image (none can run here): the answer the
 * official 9.5 image gives according to its module list, where analysis-common provides the
 * language analyzers and asciifolding, and `polish` needs the analysis-stempel plugin it lacks.
 */
export const OFFICIAL_IMAGE_ANSWER: AnalysisSupport = {
  analyzers: { ...Object.fromEntries(LANGUAGE_TYPES.map((type) => [type, true])), polish: false },
  tokenizers: { standard: true },
  filters: { lowercase: true, newsflow_folding: true },
};

/**
 * RECORDED from the integration-test zip 9.5.0 by probeAnalysisSupport; language-search.test.ts
 * checks the live zip still answers exactly this.
 */
export const INTEG_TEST_ZIP_ANSWER: AnalysisSupport = {
  analyzers: { ...Object.fromEntries(LANGUAGE_TYPES.map((type) => [type, false])), polish: false },
  tokenizers: { standard: true },
  filters: { lowercase: true, newsflow_folding: false },
};
