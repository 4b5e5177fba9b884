import { after, before } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { ArticleDocument } from '@newsflow/contracts';
import { startTestStack } from './test-stack.ts';
import type { TestStack } from './test-stack.ts';

/** Documents indexed together, stamped as indexed now or at `indexedAt`. */
export type DocumentBatch = ArticleDocument[] | { documents: ArticleDocument[]; indexedAt: Date };

export interface FileStack {
  /** The running stack (started by the file's `before`). */
  stack: () => TestStack;
  /** GET on the API or a page, in process. */
  get: (url: string) => Promise<LightMyRequestResponse>;
}

/**
 * One test stack for a whole test file: started before its tests with these batches indexed, in
 * order, and closed after them. The search, page and story tests all read such a fixed index.
 */
export function testStackWith(...batches: DocumentBatch[]): FileStack {
  let stack: TestStack | undefined;
  before(async () => {
    stack = await startTestStack();
    for (const batch of batches)
      if (Array.isArray(batch)) await stack.indexDocuments(batch);
      else await stack.indexDocuments(batch.documents, batch.indexedAt);
  });
  after(() => stack?.close());
  const running = (): TestStack => {
    if (!stack) throw new Error('the test stack has not started: use it inside a test');
    return stack;
  };
  return { stack: running, get: (url) => running().app.inject({ method: 'GET', url }) };
}
