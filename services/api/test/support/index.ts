// Test-only entry of @newsflow/api (`@newsflow/api/testing`): an API server on real Redis and
// Elasticsearch under prefixes of its own, and documents to put in it. Production code never
// imports it, so the seed fixtures and the testkit stay development dependencies.
export { startTestStack } from './test-stack.ts';
export type { TestStack, TestStackOptions } from './test-stack.ts';
export { articleDocument, seedStoryDocuments } from './test-fixtures.ts';
export { openBrowserPage, searchFromHome, useStackInBrowser } from './browser.ts';
export type { StackInBrowser } from './browser.ts';
export { endJob } from './end-job.ts';
export { withChecksPaused, eventually } from './webhook-receiver.ts';
export { testStackWith } from './file-stack.ts';
export type { DocumentBatch, FileStack } from './file-stack.ts';
