export { makeWarc, makeTruncatedWarc, articleHtml } from './make-warc.ts';
export type { TestRecord } from './make-warc.ts';
