// The labelled dev sets for tests outside this package (the dedupe stage's story tests).
export { readJsonl } from './labelled.ts';
export type { LabelledDoc } from './labelled.ts';
export { ecbplusDevFile } from './stories/dataset-path.ts';
